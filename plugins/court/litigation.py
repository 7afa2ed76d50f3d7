"""The litigation stage (法院诉讼): the court queue and the outcome of a case.

A report enters the queue when the reports plugin moves it to ``litigation``
(``on_event("reports.status_changed")``); the queue itself is read from the
reports (status ``litigation``) so that a report which arrived while this
plugin was disabled still appears. Only a judge paired with the report's
village/community acts on it, and the report's status changes only through
``plugins.reports.workflow.transition`` — in the same transaction as the
court record, so an outcome is never half-saved.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.grids.scoping import scope_queryset
from core.notifications.services import notify

from .models import Booking, BookingStatus, CourtCase, JudgeProfile, Outcome
from .services import SOURCE, CourtError

LITIGATION = "litigation"
NOTE_MAX = 2000


def _reports():
    from plugins.reports.models import Report

    return Report


def judge_of(user: Any) -> JudgeProfile | None:
    if not getattr(user, "is_authenticated", False) or not user.has_role("judge"):
        return None
    return JudgeProfile.objects.filter(user=user, user__is_active=True).first()


def paired_q(judge: JudgeProfile, field: str = "grid") -> Q:
    """Rows whose ``field`` lies under one of the judge's paired villages/communities."""
    condition = Q(pk__in=[])
    for path in judge.paired_grids.values_list("path", flat=True):
        condition |= Q(**{f"{field}__path__startswith": path})
    return condition


def judges_covering(report) -> QuerySet[JudgeProfile]:
    paired = JudgeProfile.paired_grids.through.objects.filter(
        judgeprofile_id=OuterRef("pk"), grid__path__in=report.grid.chain_paths())
    return JudgeProfile.objects.filter(Exists(paired), active=True).select_related("user")


def queue_for(user: Any, *, include_decided: bool = False) -> QuerySet:
    """Reports at the court stage the user may see: a judge, those of their pairings
    (within their scope); other staff with the decide permission, their scope."""
    Report = _reports()
    reports = Report.objects.all()
    statuses = Q(status=LITIGATION)
    if include_decided:
        statuses |= Q(court_case__outcome__gt="")
    reports = scope_queryset(user, reports.filter(statuses), "grid")
    judge = judge_of(user)
    if judge is not None and not user.is_superuser:
        reports = reports.filter(paired_q(judge))
    elif not (user.is_superuser or user.has_perm("court.decide_case")):
        return Report.objects.none()
    return (reports.select_related("grid", "category", "court_case__judge__user",
                                   "court_case__booking__slot")
            .order_by("-is_overdue", "due_at", "pk"))


def case_for(user: Any, report_id: int):
    """(report, court case or None) if the report is in the user's court queue, else None."""
    report = queue_for(user, include_decided=True).filter(pk=report_id).first()
    if report is None:
        return None, None
    return report, CourtCase.objects.filter(report=report).first()


def receive(report_id: int) -> CourtCase | None:
    """A report reached the court: open its court record and tell the paired judges."""
    report = _reports().objects.select_related("grid").filter(pk=report_id).first()
    if report is None or report.status != LITIGATION:
        return None
    judges = list(judges_covering(report))
    case, created = CourtCase.objects.get_or_create(
        report=report, defaults={"judge": judges[0] if len(judges) == 1 else None})
    if created:
        for judge in judges:
            notify(judge.user, _("新的诉讼阶段案件"),
                   _("报事 %(code)s（%(grid)s）已转入法院，请安排诉前调解。") % {
                       "code": report.code, "grid": report.grid.name},
                   url=f"/admin/court/cases/{report.pk}/", source=SOURCE)
    return case


def _own_booking(judge: JudgeProfile, booking_id: int | None) -> Booking | None:
    if not booking_id:
        return None
    booking = (Booking.objects.filter(pk=booking_id, slot__judge=judge)
               .exclude(status=BookingStatus.CANCELLED).select_related("slot").first())
    if booking is None:
        raise CourtError(_("只能关联本人时段上的有效预约。"))
    return booking


def _acting_judge(user: Any, report) -> JudgeProfile:
    judge = judge_of(user)
    if judge is None or not judges_covering(report).filter(pk=judge.pk).exists():
        raise CourtError(_("只有与该村（社区）结对的法官可以办理此案件。"))
    return judge


def link_booking(report_id: int, user: Any, booking_id: int) -> CourtCase:
    """Attach a pre-litigation mediation session (a booking on the judge's slot)."""
    report, _case = case_for(user, report_id)
    if report is None or report.status != LITIGATION:
        raise CourtError(_("该报事不在您的法院案件队列中。"))
    judge = _acting_judge(user, report)
    with transaction.atomic():
        booking = _own_booking(judge, booking_id)
        case, _created = CourtCase.objects.select_for_update().get_or_create(report=report)
        case.judge, case.booking = judge, booking
        case.save(update_fields=["judge", "booking"])
        if booking.report_id is None:
            Booking.objects.filter(pk=booking.pk).update(report=report)
    return case


def record_outcome(report_id: int, user: Any, *, outcome: str, note: str,
                   booking_id: int | None = None) -> CourtCase:
    """诉前调解成功 / 司法确认 / 立案审理: resolve the report through the workflow."""
    from plugins.reports import workflow

    if outcome not in Outcome.values:
        raise CourtError(_("请选择办理结果。"))
    note = (note or "").strip()
    if not note:
        raise CourtError(_("请填写办理情况。"))
    if len(note) > NOTE_MAX:
        raise CourtError(_("办理情况不能超过%(n)s字。") % {"n": NOTE_MAX})
    report, _case = case_for(user, report_id)
    if report is None:
        raise CourtError(_("该报事不在您的法院案件队列中。"))
    if report.status != LITIGATION:
        raise CourtError(_("该报事已不在诉讼阶段（当前：%(s)s）。") % {"s": report.get_status_display()})
    judge = _acting_judge(user, report)
    with transaction.atomic():
        case, _created = CourtCase.objects.select_for_update().get_or_create(report=report)
        booking = _own_booking(judge, booking_id) if booking_id else case.booking
        label = Outcome(outcome).label
        try:
            workflow.transition(report, "resolved", actor=user, resolution=outcome,
                                note=f"{label}：{note}",
                                details={"court_judge": judge.name, "court": judge.unit,
                                         "booking_id": booking.pk if booking else None})
        except workflow.WorkflowError as exc:
            raise CourtError(exc.messages[0]) from None
        case.judge, case.booking, case.outcome, case.note = judge, booking, outcome, note
        case.decided_at, case.decided_by = timezone.now(), user
        case.save()
        # Wagtail's audit log (plugins cannot register action types: the built-in "edit").
        log(case, "wagtail.edit", user=user,
            data={"report": report.code, "outcome": outcome, "booking": case.booking_id})
    return case


def court_record(user: Any, report) -> CourtCase | None:
    """The court record of ``report`` if ``user`` may see the report, else None."""
    from plugins.reports.services import visible_to_staff

    case = (CourtCase.objects.filter(report=report)
            .select_related("judge__user", "booking__slot").first())
    if case is None or not getattr(user, "is_authenticated", False):
        return None
    if user.pk in (report.reporter_id, getattr(report, "filed_by_id", None)):
        return case
    if visible_to_staff(user).filter(pk=report.pk).exists():
        return case
    judge = judge_of(user)
    if judge is not None and judges_covering(report).filter(pk=judge.pk).exists():
        return case
    return None
