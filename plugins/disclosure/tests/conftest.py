"""村务公开 fixtures: the section page, two villages' cadres, posting and PDF factories."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from wagtail.rich_text import RichText

from core.grids.models import Grid

# (direction, subject, amount, note): income 1,500.50 and expense 1,200.25
LINES = [
    ("income", "上级转移支付", "1000.00", "街道下拨"),
    ("income", "村集体经营收入", "500.50", "商铺租金"),
    ("expense", "道路维修", "800.00", "东栅路修补"),
    ("expense", "保洁费", "400.25", ""),
]


@pytest.fixture
def disclosure_index(home_page):
    from wagtail.models import Site

    from plugins.disclosure.services import ensure_index

    return ensure_index(Site.objects.get(is_default_site=True))


@pytest.fixture
def enabled(set_plugin, disclosure_index):
    """村务公开 switched on site-wide, with its section page."""
    set_plugin("disclosure", True)
    return disclosure_index


@pytest.fixture
def dongzha_cadre(make_user, grid_tree):
    return make_user("cadre", grid=grid_tree["grid1"], scope=grid_tree["dongzha"], name="朱丽萍")


@pytest.fixture
def xinxing_cadre(make_user, grid_tree):
    return make_user("cadre", grid=grid_tree["xgrid"], scope=grid_tree["xinxing"], name="金卫东")


@pytest.fixture
def xinxing_resident(make_user, grid_tree):
    return make_user("resident", grid=grid_tree["xgrid"], name="钱小梅")


@pytest.fixture
def make_posting(disclosure_index) -> Callable[..., Any]:
    """make_posting(grid, kind="finance", lines=LINES, opening="100.00", publish=True, …)."""
    counter = {"n": 0}

    def make(grid: Grid, kind: str = "finance", *, lines=LINES, opening: str = "100.00",
             title: str = "", year: int = 2026, period_kind: str = "quarter",
             period_number: int = 3, body: str = "公开内容", publish: bool = True,
             user: Any = None):
        from plugins.disclosure.models import FinanceLine, PostingPage

        counter["n"] += 1
        page = PostingPage(
            title=title or f"{grid.name}{year}年第{period_number}期公开{counter['n']}",
            slug=f"posting-{counter['n']}", target_grid=grid, kind=kind, year=year,
            period_kind=period_kind, period_number=period_number, live=False,
            body=[("paragraph", RichText(f"<p>{body}</p>"))],
        )
        if kind == "finance":
            page.finance_lines = [FinanceLine(direction=d, subject=s, amount=Decimal(a), note=n)
                                  for d, s, a, n in lines]
            income = sum((Decimal(a) for d, _, a, _ in lines if d == "income"), Decimal("0"))
            expense = sum((Decimal(a) for d, _, a, _ in lines if d == "expense"), Decimal("0"))
            page.opening_balance = Decimal(opening)
            page.total_income, page.total_expense = income, expense
            page.closing_balance = Decimal(opening) + income - expense
        disclosure_index.add_child(instance=page)
        if publish:
            page.save_revision(user=user).publish(user=user)
        return page

    return make


@pytest.fixture
def make_document(settings, tmp_path) -> Callable[..., Any]:
    """make_document(b"%PDF-1.4 …", "验收单"): a Wagtail document in a temporary media folder."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    settings.MEDIA_ROOT = tmp_path / "media"
    counter = {"n": 0}

    def make(content: bytes = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n",
             title: str = "验收单", name: str = "") -> Any:
        counter["n"] += 1
        return get_document_model().objects.create(
            title=title, file=ContentFile(content, name=name or f"doc-{counter['n']}.pdf"))

    return make
