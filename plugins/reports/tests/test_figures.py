"""办结率, 好评率 and 诉前化解率: the arithmetic, the period and the subtree."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from plugins.reports import services, workflow
from plugins.reports.models import Report

S = Report.Status
pytestmark = pytest.mark.usefixtures("reports_on")


def resolve(report, staff, resident, *, via=(), resolution="", rating=""):
    workflow.transition(report, S.GRID_ACCEPTED, actor=staff["worker"], note="受理")
    for stage, actor in via:
        workflow.transition(report, stage, actor=staff[actor], note="上报")
    handler = staff[via[-1][1]] if via else staff["worker"]
    if via and via[-1][0] == S.LITIGATION:
        handler = staff["judge"]
    workflow.transition(report, S.RESOLVED, actor=handler, note="办结", resolution=resolution)
    if rating:
        workflow.rate(report, resident, rating)


def test_rates_and_their_counts(make_report, staff, resident, grid_tree, make_user):
    today = timezone.localdate()
    # 1 dispute settled on the spot, rated satisfied.
    resolve(make_report(), staff, resident, rating="satisfied")
    # 1 dispute that went to court and ended in a judgment, rated dissatisfied then fairly.
    court = make_report()
    resolve(court, staff, resident, via=[(S.SELF_GOV, "worker"), (S.MEDIATION, "cadre"),
                                         (S.COUNTY_CENTER, "mediator"),
                                         (S.LITIGATION, "county_mediator")],
            resolution="judgment")
    workflow.rate(court, resident, "fairly")
    # 1 hazard resolved but not yet rated; 1 dispute still open; 1 rejected; 1 merged.
    resolve(make_report(category="hazard"), staff, resident)
    open_dispute = make_report()
    workflow.transition(make_report(), S.REJECTED, actor=staff["worker"], note="不属实")
    workflow.transition(make_report(), S.MERGED, actor=staff["worker"], note="重复",
                        merged_into=open_dispute)
    # Outside the subtree and outside the period: not counted.
    make_report(grid=grid_tree["xgrid"])
    old = make_report()
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))

    figures = services.figures(grid_tree["dongzha"], today - timedelta(days=30), today)
    assert figures["filed"] == 6
    assert (figures["rejected"], figures["merged"], figures["cases"]) == (1, 1, 4)
    assert figures["concluded"] == 3
    assert figures["closure_rate"] == Decimal("75.00")
    assert (figures["satisfied"], figures["rated"]) == (2, 2)
    assert figures["satisfaction_rate"] == Decimal("100.00")
    # Disputes: on-the-spot (pre-litigation), judgment (not), open one (not yet).
    assert (figures["disputes_pre_litigation"], figures["disputes"]) == (1, 3)
    assert figures["pre_litigation_rate"] == Decimal("33.33")


def test_no_reports_gives_no_rate(grid_tree):
    figures = services.figures(grid_tree["wangdian"], date(2026, 1, 1), date(2026, 12, 31))
    assert figures["cases"] == 0
    assert figures["closure_rate"] is None and figures["satisfaction_rate"] is None


def test_figures_is_one_query(grid_tree, django_assert_num_queries, make_report):
    make_report()
    with django_assert_num_queries(1):
        services.figures(grid_tree["city"], date(2020, 1, 1), date(2030, 1, 1))


def test_figures_by_child_subtree(make_report, staff, resident, grid_tree):
    resolve(make_report(), staff, resident, rating="satisfied")
    make_report(grid=grid_tree["xgrid"])
    rows = {row["grid"].name: row for row in services.figures_by_child(
        grid_tree["town"], date(2020, 1, 1), timezone.localdate())}
    assert rows["东栅社区"]["closure_rate"] == Decimal("100.00")
    assert rows["新兴社区"]["cases"] == 1 and rows["新兴社区"]["closure_rate"] == Decimal("0.00")
