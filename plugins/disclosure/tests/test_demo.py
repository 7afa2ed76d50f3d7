"""The demo content: realistic, figures that add up, masked rosters, idempotent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Site

from core.grids.importer import import_grids_csv
from core.grids.models import Grid
from core.identity.models import User
from plugins.disclosure import figures
from plugins.disclosure.models import PostingPage, Publication, Question

pytestmark = pytest.mark.django_db


SITE_DIR = Path(settings.SITE_DIR)


@pytest.fixture
def demo_site(make_user, home_page, set_plugin):
    """The site's real grid tree and its demo users (as ``load_site --demo`` makes them)."""
    set_plugin("disclosure", True)
    import_grids_csv(SITE_DIR / "grids.csv")
    for item in json.loads((SITE_DIR / "demo.json").read_text(encoding="utf-8"))["users"]:
        make_user(item.get("role", "resident"), grid=Grid.objects.get(code=item["grid"]),
                  scope=Grid.objects.filter(code=item.get("scope")).first(),
                  mobile=item["mobile"], name=item["name"])
    return Site.objects.get(is_default_site=True)


def test_demo_is_realistic_and_idempotent(demo_site):
    from plugins.disclosure.demo import load_demo

    load_demo(demo_site)
    counts = (PostingPage.objects.count(), Publication.objects.count(), Question.objects.count())
    assert counts[0] >= 5
    finance = PostingPage.objects.get(slug="dongzha-2026q3-finance")
    lines = finance.line_values()
    assert len(lines) == 20
    assert figures.totals_errors(*finance.totals().values(), lines) == {}
    correction = finance.publications.get(number=2)
    assert correction.is_correction and "94,200" in correction.note
    assert "支出明细“保洁费”：94,200.00 元 → 97,200.00 元" in correction.describe_changes()
    dibao = PostingPage.objects.get(slug="dongzha-2026-09-dibao")
    rows = [row for block in dibao.body if block.block_type == "roster"
            for row in block.value["rows"]]
    assert len(rows) == 5 and all("*" in row["name"] and "**********" in row["id_number"]
                                  for row in rows)
    load_demo(demo_site)
    assert (PostingPage.objects.count(), Publication.objects.count(),
            Question.objects.count()) == counts
    answered = Question.objects.get(status="answered")
    assert answered.answered_by.mobile == "13800000004"  # the 东栅社区 cadre
    assert Question.objects.get(status="open").anonymous


def test_demo_pages_render_for_a_demo_resident(client, demo_site):
    from plugins.disclosure.demo import load_demo

    load_demo(demo_site)
    client.force_login(User.objects.get(mobile="13900000001"))  # 张秀英, 东栅社区
    index = client.get("/disclosure/").content.decode()
    assert "2026年第三季度财务收支公开" in index and "庆丰村" not in index
    page = client.get(PostingPage.objects.get(slug="dongzha-2026q3-finance").url).content.decode()
    assert "已更正 1 次" in page and "97,200.00" in page and "官方答复" in page
