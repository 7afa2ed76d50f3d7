"""Demo content: the directory and two cases; idempotent and order-independent with reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Site

from core.grids.importer import import_grids_csv
from core.grids.models import Grid
from plugins.mediation import demo
from plugins.mediation.models import Agreement, Case, Mediator, Organisation, Session
from plugins.reports import demo as reports_demo
from plugins.reports.models import Report

pytestmark = pytest.mark.django_db
SITE_DIR = Path(settings.SITE_DIR)


@pytest.fixture
def demo_site(make_user, home_page, set_plugin):
    set_plugin("reports", True)
    set_plugin("mediation", True)
    import_grids_csv(SITE_DIR / "grids.csv")
    for item in json.loads((SITE_DIR / "demo.json").read_text(encoding="utf-8"))["users"]:
        make_user(item.get("role", "resident"), grid=Grid.objects.get(code=item["grid"]),
                  scope=Grid.objects.filter(code=item.get("scope")).first(),
                  mobile=item["mobile"], name=item["name"])
    return Site.objects.get(is_default_site=True)


def counts() -> tuple[int, ...]:
    return (Organisation.objects.count(), Mediator.objects.count(), Case.objects.count(),
            Session.objects.count(), Agreement.objects.count(), Report.objects.count())


@pytest.mark.parametrize("mediation_first", [True, False])
def test_demo_is_idempotent_in_either_order(demo_site, mediation_first,
                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        if mediation_first:
            demo.load_demo(demo_site)
            reports_demo.load_demo(demo_site)
        else:
            reports_demo.load_demo(demo_site)
        demo.load_demo(demo_site)
    first = counts()
    assert first[0] >= 8 and first[1] >= 8
    assert Agreement.objects.get().case.report.status == Report.Status.RESOLVED
    labour = Case.objects.get(report__category__code="labour", stage="mediation")
    assert labour.sessions.count() == 1 and labour.mediator is not None
    with django_capture_on_commit_callbacks(execute=True):
        demo.load_demo(demo_site)
        reports_demo.load_demo(demo_site)
    assert counts() == first
