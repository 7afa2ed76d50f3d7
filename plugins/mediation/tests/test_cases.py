"""Case opening, suggestions, assignment, sessions and outcomes, through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.notifications.models import Notification
from plugins.mediation import services
from plugins.mediation.models import Agreement, Case, CaseStatus, Session
from plugins.reports import workflow
from plugins.reports.models import Report

S = Report.Status
pytestmark = pytest.mark.django_db


def agree(case, actor, **overrides):
    fields = {"parties": "申请人：张美华\n被申请人：李国强", "facts": "装修噪音扰民。",
              "terms": "晚十点后不再施工。", "signed_on": timezone.localdate(),
              "performance_deadline": timezone.localdate() + timedelta(days=7)}
    fields.update(overrides)
    return services.record_agreement(case.pk, actor=actor, **fields)


def test_entering_mediation_opens_one_pending_case(to_mediation):
    report = to_mediation()
    case = Case.objects.get(report=report)
    assert (case.stage, case.status) == (S.MEDIATION, CaseStatus.PENDING)
    # The event delivered twice opens nothing more.
    services.on_status_changed({"report_id": report.pk, "to": S.MEDIATION})
    assert Case.objects.filter(report=report).count() == 1


def test_suggestions_contain_the_grid_and_put_matching_speciality_first(case, directory):
    names = [org.name for org in services.suggest_organisations(case)]
    # 物业 trade body (city-wide, disputes) first; the county centre and 王店镇 never.
    assert names == ["嘉兴市物业纠纷人民调解委员会", "新嘉街道人民调解委员会"]


def test_assign_notifies_and_refuses_an_organisation_of_another_region(case, directory, posts,
                                                                      staff):
    with pytest.raises(services.MediationError, match="不负责"):
        services.assign(case.pk, directory["xiuzhou"], posts["xiuzhou"], actor=staff["mediator"])
    with pytest.raises(services.MediationError, match="不属于"):
        services.assign(case.pk, directory["town"], posts["trade"], actor=staff["mediator"])
    services.assign(case.pk, directory["town"], posts["town"], actor=staff["mediator"])
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSIGNED and case.mediator == posts["town"]
    assert Notification.objects.filter(recipient=case.report.reporter, source="mediation").exists()


def test_overlapping_sessions_of_one_mediator_are_refused(case, to_mediation, directory, posts,
                                                         staff, later):
    other = Case.objects.get(report=to_mediation(description="邻居家狗夜里狂吠，沟通无果。"))
    actor = staff["mediator"]
    services.assign(case.pk, directory["town"], posts["town"], actor=actor)
    # The same person through another organisation: one diary.
    services.assign(other.pk, directory["trade"], posts["trade"], actor=actor)
    start, end = later()
    services.schedule_session(case.pk, starts_at=start, ends_at=end, place="调解室", actor=actor)
    with pytest.raises(services.MediationError, match="已有调解安排"):
        services.schedule_session(other.pk, starts_at=start + timedelta(hours=1),
                                  ends_at=end + timedelta(hours=1), place="调解室", actor=actor)
    # Back to back is fine.
    services.schedule_session(other.pk, starts_at=end, ends_at=end + timedelta(hours=1),
                              online_link="https://meeting.example.cn/room/8890", actor=actor)
    assert Session.objects.count() == 2
    assert Notification.objects.filter(recipient=case.report.reporter,
                                       title="调解时间已安排").exists()


@pytest.mark.parametrize("shift, place, message", [
    (timedelta(days=-1), "调解室", "当前时间之后"),
    (timedelta(days=2), "", "地点"),
])
def test_bad_session_input_is_refused_and_nothing_saved(case, directory, posts, staff, shift,
                                                       place, message):
    services.assign(case.pk, directory["town"], posts["town"], actor=staff["mediator"])
    start = timezone.now() + shift
    with pytest.raises(services.MediationError, match=message):
        services.schedule_session(case.pk, starts_at=start, ends_at=start + timedelta(hours=1),
                                  place=place, actor=staff["mediator"])
    assert not Session.objects.exists()


def test_agreement_resolves_the_report_with_a_timeline_entry(case, directory, posts, staff):
    services.assign(case.pk, directory["town"], posts["town"], actor=staff["mediator"])
    agreement = agree(case, staff["mediator"])
    report = Report.objects.get(pk=case.report_id)
    assert report.status == S.RESOLVED and report.resolution == "mediation_agreement"
    step = report.transitions.order_by("-pk").first()
    assert step.to_status == S.RESOLVED and agreement.number in step.note
    assert step.details["agreement"] == agreement.number
    case.refresh_from_db()
    assert case.status == CaseStatus.AGREED and case.closed_at
    assert agreement.number.endswith("调字第0001号")


def test_agreement_refused_by_the_workflow_saves_nothing(case, directory, posts, staff,
                                                        make_user, grid_tree):
    services.assign(case.pk, directory["town"], posts["town"], actor=staff["mediator"])
    with pytest.raises(services.MediationError, match="履行期限"):
        agree(case, staff["mediator"],
              performance_deadline=timezone.localdate() - timedelta(days=1))
    # The reporter can never handle their own report (报办分离).
    with pytest.raises(services.MediationError):
        agree(case, case.report.reporter)
    assert not Agreement.objects.exists()
    assert Report.objects.get(pk=case.report_id).status == S.MEDIATION


def test_failure_escalates_to_the_county_centre_then_to_court(case, directory, posts, staff,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.record_failure(case.pk, reason="双方分歧较大", actor=staff["mediator"])
    report = Report.objects.get(pk=case.report_id)
    assert report.status == S.COUNTY_CENTER
    assert report.transitions.order_by("-pk").first().note == "调解不成：双方分歧较大"
    centre_case = Case.objects.get(report=report, stage=S.COUNTY_CENTER)
    assert [o.name for o in services.suggest_organisations(centre_case)] == ["南湖区矛调中心"]
    services.record_failure(centre_case.pk, reason="当事人坚持起诉", actor=staff["mediator"])
    assert Report.objects.get(pk=report.pk).status == S.LITIGATION
    with pytest.raises(services.MediationError, match="原因"):
        services.record_failure(centre_case.pk, reason=" ", actor=staff["mediator"])


def test_a_mediator_of_another_county_cannot_act(case, directory, posts, staff):
    assert not services.staff_cases(staff["xiuzhou_mediator"]).exists()
    with pytest.raises(services.MediationError, match="无权"):
        services.assign(case.pk, directory["town"], posts["town"], actor=staff["xiuzhou_mediator"])
    with pytest.raises(services.MediationError, match="无权"):
        services.record_failure(case.pk, reason="x", actor=staff["xiuzhou_mediator"])


def test_report_leaving_the_stage_elsewhere_ends_the_case(case, staff):
    workflow.transition(case.report, S.RESOLVED, actor=staff["mediator"], note="当场和解")
    services.on_status_changed({"report_id": case.report_id, "to": S.RESOLVED})
    case.refresh_from_db()
    assert case.status == CaseStatus.ENDED


def test_sync_picks_up_reports_that_entered_while_disabled(make_report, staff, set_plugin,
                                                          home_page):
    set_plugin("reports", True)
    report = make_report()
    workflow.transition(report, S.GRID_ACCEPTED, actor=staff["worker"], note="已受理")
    workflow.transition(report, S.SELF_GOV, actor=staff["worker"], note="转社区")
    workflow.transition(report, S.MEDIATION, actor=staff["cadre"], note="转调解")
    assert not Case.objects.exists()
    assert services.sync_cases(staff["mediator"]) == 1
    assert services.sync_cases(staff["xiuzhou_mediator"]) == 0
    assert Case.objects.get().report == report
