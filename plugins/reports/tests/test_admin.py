"""The 报事工作台 in the Wagtail admin: queue, case page and moves, 代为报事, settings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plugins.reports import workflow
from plugins.reports.models import Category, Report, Transition

S = Report.Status
pytestmark = pytest.mark.usefixtures("reports_on")
QUEUE = "/admin/reports/work/"


def case_url(report: Report) -> str:
    return reverse("reports_work:case", args=[report.pk])


def test_menu_url_and_queue_shows_only_the_users_subtree(client, make_report, grid_tree, staff):
    mine = make_report()
    theirs = make_report(grid=grid_tree["xgrid"])
    assert reverse("reports_work:index") == QUEUE
    client.force_login(staff["worker"])
    page = client.get(QUEUE).content.decode()
    assert mine.code in page and theirs.code not in page
    assert "报事工作台" in page


def test_queue_orders_overdue_then_red_then_deadline(client, make_report, staff):
    green_late = make_report(category="environment")
    green_soon = make_report(category="environment")
    red = make_report(category="hazard")
    yellow_overdue = make_report(category="dispute")
    now = timezone.now()
    Report.objects.filter(pk=green_late.pk).update(due_at=now + timedelta(days=5))
    Report.objects.filter(pk=green_soon.pk).update(due_at=now + timedelta(days=1))
    Report.objects.filter(pk=yellow_overdue.pk).update(is_overdue=True)
    client.force_login(staff["worker"])
    page = client.get(QUEUE).content.decode()
    order = [page.index(r.code) for r in (yellow_overdue, red, green_soon, green_late)]
    assert order == sorted(order)


def test_queue_filters(client, make_report, staff):
    hazard = make_report(category="hazard")
    dispute = make_report(category="dispute")
    client.force_login(staff["worker"])
    page = client.get(QUEUE, {"urgency": "red"}).content.decode()
    assert hazard.code in page and dispute.code not in page
    category = Category.objects.get(code="dispute")
    page = client.get(QUEUE, {"category": category.pk}).content.decode()
    assert dispute.code in page and hazard.code not in page
    workflow.transition(dispute, S.REJECTED, actor=staff["worker"], note="不属于受理范围")
    assert dispute.code not in client.get(QUEUE).content.decode()  # finished: off the queue
    assert dispute.code in client.get(QUEUE, {"status": "rejected"}).content.decode()


def test_queue_query_count_does_not_grow_with_reports(client, make_report, staff,
                                                      django_assert_max_num_queries):
    client.force_login(staff["worker"])
    make_report()
    client.get(QUEUE)  # warm per-process caches (plugin snapshot, site)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(QUEUE).status_code == 200
    for _ in range(12):
        make_report(category="hazard")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(QUEUE)
    assert page.content.decode().count('data-testid="queue-row"') == 13


def test_case_page_is_404_outside_the_subtree(client, make_report, staff):
    report = make_report()
    client.force_login(staff["other_worker"])
    assert client.get(case_url(report)).status_code == 404
    response = client.post(case_url(report), {"action": S.GRID_ACCEPTED, "note": "受理"})
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.status == S.SUBMITTED


def test_residents_cannot_open_the_workbench(client, make_report, resident):
    report = make_report()
    client.force_login(resident)
    assert client.get(case_url(report)).status_code in (302, 403)
    assert client.get(QUEUE).status_code in (302, 403)


def test_case_page_shows_timeline_actions_and_masks_phone_for_non_handlers(
        client, make_report, staff, resident):
    report = make_report()
    client.force_login(staff["worker"])
    page = client.get(case_url(report)).content.decode()
    assert resident.mobile in page  # the handler calls the reporter back
    assert 'data-testid="move-grid_accepted"' in page and 'data-testid="move-rejected"' in page
    assert 'data-testid="move-litigation"' not in page
    assert "办理过程" in page
    client.force_login(staff["judge"])  # in scope, but not handling this stage
    page = client.get(case_url(report)).content.decode()
    assert resident.mobile not in page and resident.masked_mobile in page
    assert 'data-testid="actions"' not in page


def test_moves_need_a_note_and_are_recorded(client, make_report, staff):
    report = make_report()
    client.force_login(staff["worker"])
    refused = client.post(case_url(report), {"action": S.GRID_ACCEPTED, "note": ""})
    assert refused.status_code == 400 and "请填写办理意见" in refused.content.decode()
    report.refresh_from_db()
    assert report.status == S.SUBMITTED
    done = client.post(case_url(report), {"action": S.GRID_ACCEPTED, "note": "已电话联系报事人"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.status == S.GRID_ACCEPTED
    step = Transition.objects.filter(report=report).last()
    assert step.actor == staff["worker"] and step.note == "已电话联系报事人"


def test_a_refused_move_shows_the_workflow_message(client, make_report, staff):
    report = make_report()
    client.force_login(staff["worker"])
    response = client.post(case_url(report), {"action": S.LITIGATION, "note": "直接起诉"})
    assert response.status_code == 400
    assert "不能转为" in response.content.decode()


def test_merge_by_code_from_the_case_page(client, make_report, staff, make_user, grid_tree):
    kept = make_report()
    duplicate = make_report(reporter=make_user("resident", grid=grid_tree["grid1"]))
    client.force_login(staff["worker"])
    response = client.post(case_url(duplicate), {"action": S.MERGED, "note": "同一问题",
                                                 "merge_code": kept.code})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    page = client.get(case_url(kept)).content.decode()
    assert duplicate.code in page


def test_assign_from_the_case_page(client, make_report, staff):
    report = make_report()
    workflow.transition(report, S.GRID_ACCEPTED, actor=staff["cadre"], note="受理")
    client.force_login(staff["cadre"])
    response = client.post(case_url(report), {"assignee": staff["worker"].pk, "note": "请跟进"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.assignee == staff["worker"]


def test_on_behalf_filing_for_a_walk_in_resident(client, staff, resident, grid_tree,
                                                 report_categories, make_user):
    outsider = make_user("resident", grid=grid_tree["xgrid"], name="张外人")
    client.force_login(staff["worker"])
    url = reverse("reports_work:on_behalf")
    page = client.get(url, {"q": resident.mobile}).content.decode()
    assert resident.name in page and resident.masked_mobile in page
    assert outsider.masked_mobile not in client.get(url, {"q": "张外人"}).content.decode()
    chosen = client.get(url, {"q": resident.mobile, "resident": resident.pk}).content.decode()
    assert f"报事居民：{resident.name}" in chosen
    # An id from outside the area picked by hand shows nobody.
    assert "报事居民：张外人" not in client.get(url, {"resident": outsider.pk}).content.decode()
    response = client.post(url, {
        "resident": resident.pk, "category": report_categories["dispute"].pk,
        "grid": grid_tree["grid1"].pk, "address": "东栅花园5幢",
        "description": "居民来访反映：邻居空调外机滴水到自家阳台，协商未果。"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.reporter == resident and report.filed_by == staff["worker"]
    assert report.source == Report.Source.ON_BEHALF
    # Someone outside the worker's area cannot be picked.
    refused = client.post(url, {
        "resident": outsider.pk, "category": report_categories["dispute"].pk,
        "grid": grid_tree["grid1"].pk, "description": "楼道堆物"})
    assert refused.status_code == 400 and Report.objects.count() == 1


def test_figures_page_shows_the_rates_with_their_counts(client, make_report, staff, resident):
    report = make_report()
    workflow.transition(report, S.GRID_ACCEPTED, actor=staff["worker"], note="受理")
    workflow.transition(report, S.RESOLVED, actor=staff["worker"], note="现场调解")
    workflow.rate(report, resident, Report.Rating.SATISFIED)
    make_report()
    client.force_login(staff["cadre"])
    page = client.get(reverse("reports_work:figures")).content.decode()
    assert "50.00%" in page  # 1 of 2 closed
    assert "100.00%" in page  # satisfied 1 of 1, pre-litigation 1 of … disputes


def test_settings_are_for_administrators_only(client, staff, admin_user):
    client.force_login(admin_user)
    for url in ("/admin/reports/categories/", "/admin/reports/bodies/",
                "/admin/reports/routing/", "/admin/reports/sla/"):
        assert client.get(url).status_code == 200, url
    client.force_login(staff["worker"])
    assert client.get("/admin/reports/categories/").status_code in (302, 403)


def test_administrator_adds_a_category(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/admin/reports/categories/new/", {
        "name": "物业纠纷", "code": "property", "kind": "dispute", "description": "",
        "keywords": "物业 停车", "default_urgency": "yellow", "order": "5", "active": "on"})
    assert response.status_code == 302
    assert Category.objects.get(code="property").is_dispute


def test_calendar_gap_is_shown_on_the_queue(client, staff, monkeypatch):
    from plugins.reports import sla

    monkeypatch.setattr(sla, "missing_calendar_years", lambda now=None: [2031])
    client.force_login(staff["worker"])
    page = client.get(QUEUE).content.decode()
    assert 'data-testid="calendar-missing"' in page and "2031" in page


def test_case_page_shows_other_plugins_detail_panels(client, make_report, staff, set_plugin,
                                                     register_temporarily):
    from core.plugins.hookspecs import hookimpl
    from core.plugins.manifest import PluginManifest
    from core.plugins.types import HomePanel

    class Mediation:
        @hookimpl
        def detail_panels(self, request, obj):
            if obj._meta.label != "reports.Report":
                return []
            return [HomePanel(title="调解记录", html=f"<p>{obj.code} 已安排调解</p>")]

    register_temporarily(PluginManifest(slug="panelpeer", label="调解", label_en="Peer",
                                        version="1.0"), Mediation())
    set_plugin("panelpeer", True)
    report = make_report()
    client.force_login(staff["worker"])
    page = client.get(case_url(report)).content.decode()
    assert "调解记录" in page and f"{report.code} 已安排调解" in page


def test_export_user_data_lists_the_residents_reports(make_report, resident, staff):
    from plugins.reports import hooks

    report = make_report()
    workflow.transition(report, S.GRID_ACCEPTED, actor=staff["worker"], note="受理")
    exported = hooks.export_user_data(resident)
    row = exported["reports"][0]
    assert row["code"] == report.code
    assert [step["to"] for step in row["timeline"]] == ["submitted", "grid_accepted"]
    assert all("王丽娟" not in step["by"] for step in row["timeline"])


def test_a_grid_worker_sees_the_figures_of_their_own_grid(client, make_report, staff):
    make_report()
    client.force_login(staff["worker"])
    page = client.get(reverse("reports_work:figures")).content.decode()
    assert "东栅第一网格" in page and 'data-testid="figures"' in page
