"""Admin form data for a posting page (the page editor's POST, with its inline formsets)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from .conftest import LINES


def add_url(index) -> str:
    return f"/admin/pages/add/disclosure/postingpage/{index.pk}/"


def posting_data(grid, *, title: str = "2026年第三季度财务收支公开", kind: str = "finance",
                 lines=LINES, totals: dict[str, str] | None = None, opening: str = "100.00",
                 note: str = "", page=None, attachments=(), action: str = "action-publish",
                 slug: str = "", body: str = "公开内容") -> dict[str, Any]:
    """POST data for the add (page=None) or edit form; totals default to ones that add up."""
    income = sum((Decimal(a) for d, _, a, _ in lines if d == "income"), Decimal("0"))
    expense = sum((Decimal(a) for d, _, a, _ in lines if d == "expense"), Decimal("0"))
    if kind == "finance":
        computed = {"opening_balance": opening, "total_income": str(income),
                    "total_expense": str(expense),
                    "closing_balance": str(Decimal(opening) + income - expense)}
        totals = {**computed, **(totals or {})}
    else:
        totals = {"opening_balance": "", "total_income": "", "total_expense": "",
                  "closing_balance": ""}
    existing_lines, existing_files = [], []
    if page is not None:
        latest = page.get_latest_revision_as_object()
        existing_lines = [line.pk for line in latest.finance_lines.all()]
        existing_files = [item.pk for item in latest.attachments.all()]
    rows = [{"direction": d, "subject": s, "amount": a, "note": n,
             "id": existing_lines[i] if i < len(existing_lines) else "", "ORDER": str(i)}
            for i, (d, s, a, n) in enumerate(lines)]
    for pk in existing_lines[len(lines):]:  # lines no longer sent are deleted
        rows.append({"id": pk, "direction": "income", "subject": "x", "amount": "0",
                     "note": "", "DELETE": "1", "ORDER": str(len(rows))})
    files = [{"document": doc.pk, "title": "", "ORDER": str(i),
              "id": existing_files[i] if i < len(existing_files) else ""}
             for i, doc in enumerate(attachments)]
    data = nested_form_data({
        "title": title, "slug": slug or (page.slug if page else f"p-{abs(hash(title)) % 10**8}"),
        "target_grid": grid.pk, "kind": kind, "year": "2026", "period_kind": "quarter",
        "period_number": "3", "summary": "", "supervisor_phone": "", "correction_note": note,
        "body": streamfield([("paragraph", rich_text(f"<p>{body}</p>"))]),
        "finance_lines": inline_formset(rows, initial=len(existing_lines)),
        "attachments": inline_formset(files, initial=len(existing_files)),
        **totals,
    })
    data[action] = "1"
    return data
