"""The whole 一键报事 → 矛调中心 → 在线法院 path, across the reports, mediation and court plugins.

A resident of 东栅第一网格 reports a dispute from the phone page; the grid worker accepts
it and hands it to the community (自治组织) in the 报事工作台; the community cadre sends
it to mediation; the town mediation committee fails and the county 矛调中心 fails too;
the paired judge settles it by pre-filing mediation (诉前调解). The resident is not
satisfied, which reopens it to the court; the judge records a judicial confirmation and
the resident's 满意 closes it. Every stage is on the resident's timeline, the court and
mediation records appear on the report page, and the figures count it as settled
before litigation.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plugins.court.litigation import record_outcome
from plugins.court.models import CourtCase, JudgeProfile
from plugins.mediation import services as mediation
from plugins.mediation.models import Case, Mediator, Organisation, OrganisationKind
from plugins.reports import services as reports
from plugins.reports.models import Report
from plugins.reports.testing import report_categories  # noqa: F401 — fixture

S = Report.Status
QUEUE = "/admin/reports/work/"


@pytest.fixture
def path_on(set_plugin, home_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    for slug in ("reports", "mediation", "court"):
        set_plugin(slug, True)
    return home_page


@pytest.fixture
def people(make_user, grid_tree):
    t = grid_tree
    town_mediator = make_user("mediator", grid=t["town"], scope=t["town"], name="钱国强")
    county_mediator = make_user("mediator", grid=t["nanhu"], scope=t["nanhu"], name="徐卫东")
    judge = make_user("judge", grid=t["town"], scope=t["nanhu"], name="金慧")
    town_org = Organisation.objects.create(name="新嘉街道人民调解委员会", kind=OrganisationKind.TOWN,
                                           grid=t["town"], phone="0573-82635016")
    centre = Organisation.objects.create(name="南湖区矛调中心", kind=OrganisationKind.CENTRE,
                                         grid=t["nanhu"], phone="0573-86560133")
    profile = JudgeProfile.objects.create(
        user=judge, court="南湖区人民法院", tribunal="东栅人民法庭", title="员额法官",
        court_grid=t["nanhu"], phone="0573-82512308", shared_court_place="东栅社区共享法庭")
    profile.paired_grids.add(t["dongzha"])
    return {
        "resident": make_user("resident", grid=t["micro"], name="张小红"),
        "worker": make_user("grid_worker", grid=t["grid1"], scope=t["grid1"], name="王丽娟"),
        "other_worker": make_user("grid_worker", grid=t["xgrid"], scope=t["xgrid"], name="陆海峰"),
        "cadre": make_user("cadre", grid=t["dongzha"], scope=t["dongzha"], name="沈建华"),
        "town_mediator": Mediator.objects.create(organisation=town_org, user=town_mediator,
                                                 name=town_mediator.name),
        "county_mediator": Mediator.objects.create(organisation=centre, user=county_mediator,
                                                   name=county_mediator.name),
        "judge": judge,
    }


def _act(client, user, report, action, note, **extra):
    client.force_login(user)
    response = client.post(f"{QUEUE}{report.pk}/", {"action": action, "note": note, **extra})
    assert response.status_code == 302, response.content.decode()[:500]
    report.refresh_from_db()
    assert report.status == action


def _mediate_and_fail(people, report, key, reason):
    case = Case.objects.get(report=report, closed_at__isnull=True)
    post = people[key]
    mediation.assign(case.pk, post.organisation, post, actor=post.user)
    start = timezone.now() + timedelta(days=1)
    mediation.schedule_session(case.pk, starts_at=start, ends_at=start + timedelta(hours=1),
                               place="东栅社区调解室", actor=post.user)
    mediation.record_failure(case.pk, reason=reason, actor=post.user)


@pytest.mark.django_db
def test_report_to_court_and_back_to_a_rating(client, path_on, people, report_categories,  # noqa: F811
                                              grid_tree, django_capture_on_commit_callbacks):
    resident = people["resident"]
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:new"), {
            "category": "dispute", "address": "东栅路18号1幢",
            "description": "楼上住户每晚十一点后装修，噪音扰民，协商两次无果。"})
    assert response.status_code == 302
    report = Report.objects.get(reporter=resident)
    assert report.code.startswith("330402004001") and report.status == S.SUBMITTED

    # Another grid's worker can neither see nor move it (报事 is scoped to the grid subtree).
    client.force_login(people["other_worker"])
    assert client.get(f"{QUEUE}{report.pk}/").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        _act(client, people["worker"], report, S.GRID_ACCEPTED, "已电话联系双方，约定上门。")
        _act(client, people["worker"], report, S.SELF_GOV, "现场调解未果，提交社区百姓议事会。")
        _act(client, people["cadre"], report, S.MEDIATION, "议事会调处未果，转人民调解委员会。")
    with django_capture_on_commit_callbacks(execute=True):
        _mediate_and_fail(people, report, "town_mediator", "楼上住户拒绝调解。")
    report.refresh_from_db()
    assert report.status == S.COUNTY_CENTER
    with django_capture_on_commit_callbacks(execute=True):
        _mediate_and_fail(people, report, "county_mediator", "双方分歧较大，申请司法途径。")
    report.refresh_from_db()
    assert report.status == S.LITIGATION
    assert CourtCase.objects.filter(report=report).exists()  # opened by the court plugin

    with django_capture_on_commit_callbacks(execute=True):
        record_outcome(report.pk, people["judge"], outcome="pre_filing_mediation",
                       note="组织诉前调解，约定施工时间为8:00至18:00。")
    report.refresh_from_db()
    assert (report.status, report.resolution) == (S.RESOLVED, "pre_filing_mediation")

    client.force_login(resident)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    for shown in ("新嘉街道人民调解委员会", "南湖区矛调中心", "南湖区人民法院"):
        assert shown in page  # the mediation and court plugins' detail panels
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:rate", args=[report.pk]),
                               {"rating": "dissatisfied", "comment": "施工时间仍然太长。"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == S.LITIGATION  # reopened to the last handler, the court

    with django_capture_on_commit_callbacks(execute=True):
        record_outcome(report.pk, people["judge"], outcome="judicial_confirmation",
                       note="双方重新达成协议，法院出具司法确认裁定。")
        client.post(reverse("reports:rate", args=[report.pk]), {"rating": "satisfied"})
    report.refresh_from_db()
    assert (report.status, report.rating) == (S.CLOSED, "satisfied")

    steps = list(report.transitions.order_by("created_at", "pk").values_list("to_status", flat=True))
    assert steps == [S.SUBMITTED, S.GRID_ACCEPTED, S.SELF_GOV, S.MEDIATION, S.COUNTY_CENTER,
                     S.LITIGATION, S.RESOLVED, S.LITIGATION, S.RESOLVED, S.CLOSED][-len(steps):]
    timeline = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "司法确认" in timeline

    today = timezone.localdate()
    figures = reports.figures(grid_tree["nanhu"], today - timedelta(days=1), today)
    assert figures["disputes"] == 1 and figures["disputes_pre_litigation"] == 1
    assert figures["closure_rate"] == 100 and figures["satisfaction_rate"] == 100
