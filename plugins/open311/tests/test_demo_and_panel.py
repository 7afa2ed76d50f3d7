"""The demo (idempotent, through the real filing service) and the staff detail panel."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from plugins.open311 import demo, hooks
from plugins.open311.models import ApiKey, Submission
from plugins.reports.models import Category, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_region(grid_tree, report_categories):
    """The demo's codes on top of the test tree: 东栅街道 nodes under 南湖区."""
    town = grid_tree["nanhu"].add_child(name="东栅街道", level="town", code="330402005000")
    community = town.add_child(name="东栅社区", level="community", code="330402005001")
    grid = community.add_child(name="东栅第一网格", level="grid", code="330402005001001")
    grid.add_child(name="1号微网格", level="microgrid", code="330402005001001001")
    grid.add_child(name="2号微网格", level="microgrid", code="330402005001001002")
    Category.objects.filter(code="environment").update(is_public=True)


def test_demo_files_two_hotline_reports_once(open311_on, demo_region):
    demo.load()
    demo.load()
    assert ApiKey.objects.filter(name=demo.HOTLINE_NAME).count() == 1
    reports = Report.objects.filter(source=Report.Source.OPEN311)
    assert reports.count() == 2
    assert set(Submission.objects.values_list("account_id", flat=True)) == {
        "12345-NH-20261126-0031", "12345-NH-20261128-0107"}


def test_detail_panel_for_staff_in_scope_only(open311_on, demo_region, make_user, grid_tree,
                                              resident):
    demo.load()
    report = Report.objects.get(open311__account_id="12345-NH-20261126-0031")
    request = RequestFactory().get("/")
    request.user = make_user("cadre", grid=grid_tree["nanhu"], scope=grid_tree["nanhu"])
    panels = hooks.detail_panels(request, report)
    assert len(panels) == 1
    assert "12345 政务服务热线" in panels[0].html
    assert "138****1126" in panels[0].html and "13857301126" not in panels[0].html
    request.user = make_user("grid_worker", grid=grid_tree["xgrid"], scope=grid_tree["xgrid"])
    assert hooks.detail_panels(request, report) == []
    request.user = resident
    assert hooks.detail_panels(request, report) == []
    assert hooks.detail_panels(request, object()) == []
