"""Figures of a posting: the checks that totals add up, snapshots and their differences.

Pure functions over ``Decimal`` (never float), shared by the page's ``clean``
(every save path), the publication record and the resident's revision history.

A snapshot is what residents saw when a revision was published: JSON-safe,
amounts as strings ("1280.00") so that no precision is lost in the database.
A diff is a list of changes, each ``{"kind", "field", "old", "new", …}``; labels
are rendered at display time (``describe``) so that they follow the language.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

CENT = Decimal("0.01")
TOTAL_FIELDS = ("opening_balance", "total_income", "total_expense", "closing_balance")
INCOME, EXPENSE = "income", "expense"


def yuan(amount: Decimal | str | None) -> str:
    """1234567.8 → "1,234,567.80" (the way 财务公开 boards print amounts)."""
    if amount is None or amount == "":
        return "—"
    return f"{Decimal(amount).quantize(CENT):,.2f}"


@dataclass(frozen=True)
class Line:
    direction: str  # INCOME or EXPENSE
    subject: str  # 科目
    amount: Decimal
    note: str = ""


def line_sum(lines: Iterable[Line], direction: str) -> Decimal:
    return sum((line.amount for line in lines if line.direction == direction), Decimal("0"))


def totals_errors(opening: Decimal | None, income: Decimal | None, expense: Decimal | None,
                  closing: Decimal | None, lines: list[Line]) -> dict[str, str]:
    """Field → Chinese error naming the difference; empty when everything adds up."""
    errors: dict[str, str] = {}
    missing = _("财务公开必须填写此项。")
    for field, value in zip(TOTAL_FIELDS, (opening, income, expense, closing), strict=True):
        if value is None:
            errors[field] = missing
    if errors:
        return errors
    for field, direction, stated, noun in (
        ("total_income", INCOME, income, _("收入")),
        ("total_expense", EXPENSE, expense, _("支出")),
    ):
        summed = line_sum(lines, direction)
        if summed != stated:
            errors[field] = _(
                "%(noun)s明细合计为 %(sum)s 元，与填写的本期%(noun)s合计 %(stated)s 元"
                "相差 %(diff)s 元，请核对。") % {
                "noun": noun, "sum": yuan(summed), "stated": yuan(stated),
                "diff": yuan(abs(stated - summed))}
    expected = opening + income - expense
    if expected != closing:
        errors["closing_balance"] = _(
            "期初余额 %(opening)s 元 + 本期收入 %(income)s 元 − 本期支出 %(expense)s 元 = "
            "%(expected)s 元，与填写的期末余额 %(closing)s 元相差 %(diff)s 元，请核对。") % {
            "opening": yuan(opening), "income": yuan(income), "expense": yuan(expense),
            "expected": yuan(expected), "closing": yuan(closing),
            "diff": yuan(abs(closing - expected))}
    return errors


# --- snapshots and differences ---------------------------------------------------------


def digest(value: Any) -> str:
    """A short fingerprint of the body, so that a snapshot need not copy it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def snapshot(*, title: str, period: str, village: str, body: Any, totals: dict[str, Any],
             lines: list[Line], attachments: list[tuple[str, int]]) -> dict[str, Any]:
    return {
        "title": title,
        "period": period,
        "village": village,
        "body": digest(body),
        "totals": {k: (str(Decimal(v).quantize(CENT)) if v is not None else None)
                   for k, v in totals.items()},
        "lines": [{"direction": line.direction, "subject": line.subject,
                   "amount": str(Decimal(line.amount).quantize(CENT)), "note": line.note}
                  for line in lines],
        "attachments": [{"title": title_, "document": doc} for title_, doc in attachments],
    }


def _keyed_lines(lines: list[dict[str, Any]]) -> dict[tuple[str, str, int], dict[str, Any]]:
    """Lines keyed by (direction, subject, n-th occurrence): a subject may repeat."""
    seen: dict[tuple[str, str], int] = {}
    keyed = {}
    for line in lines:
        base = (line["direction"], line["subject"])
        seen[base] = seen.get(base, 0) + 1
        keyed[(*base, seen[base])] = line
    return keyed


def diff(old: dict[str, Any] | None, new: dict[str, Any]) -> list[dict[str, Any]]:
    """What changed from ``old`` to ``new`` (nothing for a first publication)."""
    if not old:
        return []
    changes: list[dict[str, Any]] = []
    for field in ("title", "period", "village"):
        if old.get(field) != new.get(field):
            changes.append({"kind": "field", "field": field, "old": old.get(field),
                            "new": new.get(field)})
    if old.get("body") != new.get("body"):
        changes.append({"kind": "body", "field": "body", "old": None, "new": None})
    old_totals, new_totals = old.get("totals") or {}, new.get("totals") or {}
    for field in TOTAL_FIELDS:
        if old_totals.get(field) != new_totals.get(field):
            changes.append({"kind": "total", "field": field, "old": old_totals.get(field),
                            "new": new_totals.get(field)})
    before, after = _keyed_lines(old.get("lines", [])), _keyed_lines(new.get("lines", []))
    for key, line in after.items():
        previous = before.get(key)
        if previous is None:
            changes.append({"kind": "line_added", "field": key[0], "subject": key[1],
                            "old": None, "new": line["amount"], "note": line["note"]})
        elif previous["amount"] != line["amount"] or previous["note"] != line["note"]:
            changes.append({"kind": "line_changed", "field": key[0], "subject": key[1],
                            "old": previous["amount"], "new": line["amount"],
                            "note": line["note"]})
    for key, line in before.items():
        if key not in after:
            changes.append({"kind": "line_removed", "field": key[0], "subject": key[1],
                            "old": line["amount"], "new": None, "note": line["note"]})
    old_files = {a["document"]: a["title"] for a in old.get("attachments", [])}
    new_files = {a["document"]: a["title"] for a in new.get("attachments", [])}
    for doc, title in new_files.items():
        if doc not in old_files:
            changes.append({"kind": "attachment_added", "field": "attachments", "old": None,
                            "new": title})
    for doc, title in old_files.items():
        if doc not in new_files:
            changes.append({"kind": "attachment_removed", "field": "attachments", "old": title,
                            "new": None})
    return changes


def field_label(field: str) -> str:
    return {
        "title": _("标题"), "period": _("公开期间"), "village": _("村社"), "body": _("正文"),
        "opening_balance": _("期初余额"), "total_income": _("本期收入合计"),
        "total_expense": _("本期支出合计"), "closing_balance": _("期末余额"),
        INCOME: _("收入"), EXPENSE: _("支出"), "attachments": _("附件"),
    }.get(field, field)


def describe(change: dict[str, Any]) -> str:
    """One change as a Chinese sentence for the revision history."""
    kind, label = change["kind"], field_label(change["field"])
    if kind == "body":
        return _("正文内容已修改")
    if kind == "field":
        return _("%(label)s：%(old)s → %(new)s") % {
            "label": label, "old": change["old"], "new": change["new"]}
    if kind == "total":
        return _("%(label)s：%(old)s 元 → %(new)s 元") % {
            "label": label, "old": yuan(change["old"]), "new": yuan(change["new"])}
    subject = change.get("subject", "")
    if kind == "line_added":
        return _("新增%(label)s明细“%(subject)s” %(new)s 元") % {
            "label": label, "subject": subject, "new": yuan(change["new"])}
    if kind == "line_removed":
        return _("删除%(label)s明细“%(subject)s”（原 %(old)s 元）") % {
            "label": label, "subject": subject, "old": yuan(change["old"])}
    if kind == "line_changed":
        if change["old"] == change["new"]:
            return _("%(label)s明细“%(subject)s”的备注已修改") % {
                "label": label, "subject": subject}
        return _("%(label)s明细“%(subject)s”：%(old)s 元 → %(new)s 元") % {
            "label": label, "subject": subject, "old": yuan(change["old"]),
            "new": yuan(change["new"])}
    if kind == "attachment_added":
        return _("新增附件“%(title)s”") % {"title": change["new"]}
    if kind == "attachment_removed":
        return _("删除附件“%(title)s”") % {"title": change["old"]}
    return label
