"""The litigation stage: a report reaching the court, the paired judge's queue and outcome.

The report's status changes only through plugins.reports.workflow.transition; a
judge of the same court who is not paired with the report's community can
neither see nor decide it (services, admin and API).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import RequestFactory

from core.notifications.models import Notification
from core.plugins.middleware import plugin_context_for
from plugins.court import hooks, litigation, services
from plugins.court.models import Booking, CourtCase
from plugins.reports import workflow
from plugins.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_court(make_report, judge, court_on, django_capture_on_commit_callbacks) -> Report:
    """A dispute the county centre passed on: the judge takes it into litigation."""
    report = make_report()
    Report.objects.filter(pk=report.pk).update(status=Report.Status.COUNTY_CENTER)
    report.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(report, "litigation", actor=judge.user, note="矛调中心调解未果，转法院")
    report.refresh_from_db()
    return report


def test_entering_litigation_opens_a_court_case_and_tells_the_paired_judge(at_court, judge,
                                                                           other_judge):
    case = CourtCase.objects.get(report=at_court)
    assert case.judge == judge and not case.outcome
    assert Notification.objects.filter(recipient=judge.user, title="新的诉讼阶段案件").exists()
    assert not Notification.objects.filter(recipient=other_judge.user).exists()


def test_queue_is_scoped_to_the_judges_pairings(at_court, judge, other_judge, grid_worker):
    assert list(litigation.queue_for(judge.user)) == [at_court]
    assert not litigation.queue_for(other_judge.user).exists()  # same court, other village
    assert not litigation.queue_for(grid_worker).exists()


def test_outcome_resolves_the_report_through_the_workflow(at_court, judge, resident, make_slot):
    slot = make_slot(kind="pre_mediation")
    booking = services.book(services.BookingRequest(
        slot_id=slot.pk, dispute_type="neighbour", focus="装修噪音纠纷诉前调解。",
        report_id=at_court.pk), resident)
    litigation.link_booking(at_court.pk, judge.user, booking.pk)
    case = litigation.record_outcome(at_court.pk, judge.user, outcome="pre_filing_mediation",
                                     note="双方达成调解协议，楼上住户承诺晚八点后不施工。")
    at_court.refresh_from_db()
    assert at_court.status == Report.Status.RESOLVED
    assert at_court.resolution == "pre_filing_mediation"
    step = at_court.transitions.order_by("-pk").first()
    assert step.actor == judge.user and step.note.startswith("诉前调解成功：")
    assert case.booking == booking and case.outcome == "pre_filing_mediation"
    assert case.decided_by == judge.user
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.get(object_id=str(case.pk), content_type__model="courtcase")
    assert entry.user == judge.user and entry.data["outcome"] == "pre_filing_mediation"


@pytest.mark.parametrize("outcome", ["judicial_confirmation", "judgment"])
def test_other_outcomes_map_to_their_resolution(at_court, judge, outcome):
    litigation.record_outcome(at_court.pk, judge.user, outcome=outcome, note="已出具法律文书。")
    at_court.refresh_from_db()
    assert at_court.resolution == outcome and at_court.status == Report.Status.RESOLVED


def test_an_unpaired_judge_cannot_act(at_court, other_judge):
    with pytest.raises(services.CourtError, match="不在您的法院案件队列"):
        litigation.record_outcome(at_court.pk, other_judge.user, outcome="judgment",
                                  note="越权办理。")
    at_court.refresh_from_db()
    assert at_court.status == Report.Status.LITIGATION
    assert not CourtCase.objects.filter(outcome__gt="").exists()


def test_bad_outcome_input_saves_nothing(at_court, judge):
    for outcome, note, message in [("acquitted", "说明", "请选择办理结果"),
                                   ("judgment", "  ", "请填写办理情况")]:
        with pytest.raises(services.CourtError, match=message):
            litigation.record_outcome(at_court.pk, judge.user, outcome=outcome, note=note)
    at_court.refresh_from_db()
    assert at_court.status == Report.Status.LITIGATION


def test_a_booking_on_another_judges_slot_cannot_be_linked(at_court, judge, other_judge,
                                                           make_slot, make_user, grid_tree):
    neighbour = make_user("resident", grid=grid_tree["xgrid"])
    slot = make_slot(for_judge=other_judge, starts_in=timedelta(days=2))
    booking = services.book(services.BookingRequest(slot_id=slot.pk, dispute_type="other",
                                                    focus="咨询相邻关系问题。"), neighbour)
    with pytest.raises(services.CourtError, match="本人时段"):
        litigation.link_booking(at_court.pk, judge.user, booking.pk)
    assert Booking.objects.get(pk=booking.pk).report is None


def test_admin_queue_and_outcome_form(client, at_court, judge, other_judge):
    client.force_login(judge.user)
    assert at_court.code in client.get("/admin/court/cases/").content.decode()
    response = client.post(f"/admin/court/cases/{at_court.pk}/",
                           {"outcome": "judicial_confirmation", "note": "调解协议已司法确认。"})
    assert response.status_code == 302
    at_court.refresh_from_db()
    assert at_court.resolution == "judicial_confirmation"
    client.force_login(other_judge.user)
    assert at_court.code not in client.get("/admin/court/cases/?show=all").content.decode()
    assert client.get(f"/admin/court/cases/{at_court.pk}/").status_code == 404


def test_api_queue_and_outcome_are_scoped(client, at_court, judge, other_judge):
    client.force_login(other_judge.user)
    assert client.get("/api/court/cases/").json()["results"] == []
    response = client.post(f"/api/court/cases/{at_court.pk}/outcome/",
                           {"outcome": "judgment", "note": "越权办理。"},
                           content_type="application/json")
    assert response.status_code == 400
    at_court.refresh_from_db()
    assert at_court.status == Report.Status.LITIGATION
    client.force_login(judge.user)
    assert [c["code"] for c in client.get("/api/court/cases/").json()["results"]] == [at_court.code]
    response = client.post(f"/api/court/cases/{at_court.pk}/outcome/",
                           {"outcome": "pre_filing_mediation", "note": "诉前调解成功。"},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "resolved"
    assert response.json()["outcome"] == "pre_filing_mediation"


def _panels(user, report):
    request = RequestFactory().get("/")
    request.user = user
    request.plugins = plugin_context_for(request)
    return hooks.detail_panels(request, report)


def test_detail_panel_shows_the_record_to_those_who_may_see_the_report(
        at_court, judge, resident, make_user, grid_tree):
    litigation.record_outcome(at_court.pk, judge.user, outcome="judgment", note="判决已生效。")
    mine = _panels(resident, at_court)
    assert len(mine) == 1 and "金慧" in mine[0].html and "立案审理/判决" in mine[0].html
    assert _panels(judge.user, at_court)
    assert _panels(make_user("resident", grid=grid_tree["micro"]), at_court) == []
    far = make_user("grid_worker", grid=grid_tree["xgrid"], scope=grid_tree["xgrid"])
    assert _panels(far, at_court) == []
    assert _panels(resident, object()) == []
