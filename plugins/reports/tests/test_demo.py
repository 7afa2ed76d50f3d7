"""Demo content: categories, routing data and sixteen reports at every stage; idempotent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Site

from core.grids.importer import import_grids_csv
from core.grids.models import Grid
from plugins.reports import demo
from plugins.reports.models import (
    Category,
    HandlingBody,
    Report,
    RoutingRule,
    SlaPolicy,
    Transition,
)

pytestmark = pytest.mark.django_db

SITE_DIR = Path(settings.SITE_DIR)
S = Report.Status


@pytest.fixture
def demo_site(make_user, home_page, set_plugin):
    """The site's real grid tree and its demo users (as ``load_site --demo`` makes them)."""
    set_plugin("reports", True)
    import_grids_csv(SITE_DIR / "grids.csv")
    for item in json.loads((SITE_DIR / "demo.json").read_text(encoding="utf-8"))["users"]:
        make_user(item.get("role", "resident"), grid=Grid.objects.get(code=item["grid"]),
                  scope=Grid.objects.filter(code=item.get("scope")).first(),
                  mobile=item["mobile"], name=item["name"])
    return Site.objects.get(is_default_site=True)


def _counts() -> tuple[int, ...]:
    return (Category.objects.count(), HandlingBody.objects.count(), RoutingRule.objects.count(),
            SlaPolicy.objects.count(), Report.objects.count(), Transition.objects.count())


def test_demo_reports_cover_the_whole_workflow(demo_site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo.load_demo(demo_site)
    assert Report.objects.count() == len(demo.REPORTS) == 16
    statuses = set(Report.objects.values_list("status", flat=True))
    assert {S.SUBMITTED, S.GRID_ACCEPTED, S.MEDIATION, S.LITIGATION, S.TOWN_DISPATCH,
            S.RESOLVED, S.CLOSED, S.REJECTED} <= statuses
    assert Report.objects.filter(status=S.MEDIATION).exists()
    assert Report.objects.filter(status=S.LITIGATION).exists()
    overdue = Report.objects.filter(is_overdue=True, is_supervised=True)
    assert list(overdue.values_list("description", flat=True)) == [
        "东栅路18号小区门口的井盖破损松动，晚上看不清，前两天已经有老人被绊倒。"]
    assert Report.objects.filter(status=S.CLOSED, rating=Report.Rating.SATISFIED).count() >= 3
    reopened = Report.objects.get(rating=Report.Rating.DISSATISFIED)
    assert reopened.status == S.GRID_ACCEPTED
    # Routing is data: the labour dispute went to the labour mediation centre.
    labour = Report.objects.get(category__code="labour")
    assert labour.handling_body.name == "南湖区劳动人事争议调解中心"
    # Codes are the real ones (division + date + sequence), one per report.
    assert all(code.startswith("330402005001") for code in
               Report.objects.values_list("code", flat=True))
    # Back-dated: filed over the past weeks, each timeline in order.
    oldest = Report.objects.order_by("created_at").first()
    assert (Report.objects.order_by("-created_at").first().created_at - oldest.created_at).days >= 20
    for report in Report.objects.all():
        times = list(report.transitions.order_by("pk").values_list("created_at", flat=True))
        assert times == sorted(times) and times[0] >= report.created_at
    assert Report.objects.filter(anonymous=True).count() == 2
    assert Report.objects.filter(filed_by__isnull=False).count() == 1


def test_demo_is_idempotent_and_keeps_edits(demo_site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo.load_demo(demo_site)
    first = _counts()
    assert first[:4] == (10, 7, 7, 3 + 4)
    Category.objects.filter(code="help").update(name="困难求助")
    demo.load_demo(demo_site)
    assert _counts() == first
    assert Category.objects.get(code="help").name == "困难求助"


def test_demo_skips_what_is_missing(home_page, db):
    """No grids or users (a bare site): categories only, no error."""
    demo.load_demo(Site.objects.get(is_default_site=True))
    assert Category.objects.count() == 10 and not Report.objects.exists()
