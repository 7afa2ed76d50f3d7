"""矛盾调解 fixtures on the shared test grid tree (core.testing) and the reports fixtures.

Tree: 嘉兴市 > 南湖区 > 新嘉街道 > 东栅社区 > 东栅第一网格 > 微网格, plus 秀洲区 > 王店镇.
Reports are made with ``make_report`` (in 东栅第一网格) and moved to the mediation stage
through the real workflow, so the case is opened by the real ``on_event`` call.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from plugins.mediation.models import Case, Mediator, Organisation, OrganisationKind
from plugins.reports import workflow
from plugins.reports.models import Report
from plugins.reports.testing import *  # noqa: F403 — make_report, report_categories

S = Report.Status


@pytest.fixture(autouse=True)
def _plugins_registered(plugin_host):
    """Re-register both plugins if an earlier test in the process unregistered them."""
    for slug in ("reports", "mediation"):
        if plugin_host.pm.get_plugin(slug) is None:
            plugin_host.register_app(apps.get_app_config(slug))
            plugin_host.forget_snapshot()


@pytest.fixture
def mediation_on(set_plugin, home_page):
    set_plugin("reports", True)
    set_plugin("mediation", True)
    return home_page


@pytest.fixture
def staff(make_user, grid_tree):
    t = grid_tree
    return {
        "worker": make_user("grid_worker", grid=t["grid1"], scope=t["grid1"], name="王丽娟"),
        "cadre": make_user("cadre", grid=t["dongzha"], scope=t["dongzha"], name="沈建华"),
        "mediator": make_user("mediator", grid=t["nanhu"], scope=t["nanhu"], name="徐卫东"),
        "mediator2": make_user("mediator", grid=t["town"], scope=t["town"], name="钱国强"),
        "xiuzhou_mediator": make_user("mediator", grid=t["xiuzhou"], scope=t["xiuzhou"],
                                      name="姚振华"),
        "county_admin": make_user("administrator", grid=t["nanhu"], scope=t["nanhu"],
                                  name="许建明"),
    }


@pytest.fixture
def directory(grid_tree, staff, report_categories) -> dict[str, Organisation]:
    t, cats = grid_tree, report_categories
    orgs = {
        "town": Organisation.objects.create(name="新嘉街道人民调解委员会", kind=OrganisationKind.TOWN,
                                            grid=t["town"], phone="0573-82635016"),
        "trade": Organisation.objects.create(name="嘉兴市物业纠纷人民调解委员会",
                                             kind=OrganisationKind.TRADE, grid=t["city"],
                                             phone="0573-82085630"),
        "centre": Organisation.objects.create(name="南湖区矛调中心", kind=OrganisationKind.CENTRE,
                                              grid=t["nanhu"], phone="0573-86560133"),
        "xiuzhou": Organisation.objects.create(name="王店镇人民调解委员会",
                                               kind=OrganisationKind.TOWN, grid=t["wangdian"]),
    }
    orgs["trade"].specialities.add(cats["dispute"])
    return orgs


@pytest.fixture
def posts(directory, staff) -> dict[str, Mediator]:
    m, m2 = staff["mediator"], staff["mediator2"]
    return {
        "town": Mediator.objects.create(organisation=directory["town"], user=m, name=m.name,
                                        title="调委会主任"),
        "town2": Mediator.objects.create(organisation=directory["town"], user=m2, name=m2.name),
        "trade": Mediator.objects.create(organisation=directory["trade"], user=m, name=m.name),
        "centre": Mediator.objects.create(organisation=directory["centre"], user=m, name=m.name),
        "xiuzhou": Mediator.objects.create(organisation=directory["xiuzhou"],
                                           user=staff["xiuzhou_mediator"], name="姚振华"),
    }


@pytest.fixture
def to_mediation(mediation_on, make_report, staff, django_capture_on_commit_callbacks
                 ) -> Callable[..., Report]:
    """A dispute report walked to the mediation stage (on_event fires on commit)."""

    def make(**overrides) -> Report:
        report = make_report(**overrides)
        with django_capture_on_commit_callbacks(execute=True):
            workflow.transition(report, S.GRID_ACCEPTED, actor=staff["worker"], note="已受理")
            workflow.transition(report, S.SELF_GOV, actor=staff["worker"], note="转社区")
            workflow.transition(report, S.MEDIATION, actor=staff["cadre"], note="转调解组织")
        return report

    return make


@pytest.fixture
def case(to_mediation) -> Case:
    return Case.objects.get(report=to_mediation())


@pytest.fixture
def later():
    """A future slot: (starts_at, ends_at) n days ahead at 09:00, two hours long."""

    def slot(days: int = 2, hour: int = 9, hours: int = 2):
        start = (timezone.localtime() + timedelta(days=days)).replace(
            hour=hour, minute=0, second=0, microsecond=0)
        return start, start + timedelta(hours=hours)

    return slot
