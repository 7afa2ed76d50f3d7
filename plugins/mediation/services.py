"""Every rule of 矛调 lives here: who may act, case opening, assignment, sessions, outcomes.

The report's status is changed only through ``plugins.reports.workflow.transition``,
inside the same transaction as this plugin's own change, so an agreement is never
saved for a report that the workflow refused to resolve (and the other way round).

No overlapping sessions for one mediator: ``schedule_session`` locks the mediator
posts of the person (``select_for_update``; on SQLite writers queue up) and checks
their diary inside that transaction, so two concurrent bookings are decided in turn.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.grids.models import Grid
from core.grids.scoping import scope_queryset
from core.notifications.services import notify
from plugins.reports import workflow
from plugins.reports.models import Report

from .models import (
    OPEN_STATUSES,
    Agreement,
    Case,
    CaseStatus,
    Mediator,
    Organisation,
    OrganisationKind,
    Session,
)

SLUG = "mediation"
STAGES = (Report.Status.MEDIATION.value, Report.Status.COUNTY_CENTER.value)
# Where a failed mediation goes next (社会调解优先、法院诉讼断后).
NEXT_STAGE = {Report.Status.MEDIATION.value: Report.Status.COUNTY_CENTER.value,
              Report.Status.COUNTY_CENTER.value: Report.Status.LITIGATION.value}
RESOLUTION = {Report.Status.MEDIATION.value: "mediation_agreement",
              Report.Status.COUNTY_CENTER.value: "county_center"}
COUNTY_LEVELS = ("city", "county")
VIEW_PERMISSION = "mediation.view_case"


class MediationError(ValidationError):
    """A refused action, with a Chinese message for the person who tried it."""


# --- who may see and act --------------------------------------------------------------

def staff_cases(user: Any) -> QuerySet[Case]:
    """Cases of reports in the user's subtree, for staff allowed to view cases."""
    if not getattr(user, "is_authenticated", False) or not user.has_perm(VIEW_PERMISSION):
        return Case.objects.none()
    return scope_queryset(user, Case.objects.all(), "report__grid")


def may_handle(user: Any, report: Report) -> bool:
    """Mediators in scope, county-level cadres/operators and administrators (as the workflow).

    报办分离: the reporter and whoever filed the report never handle it.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.pk in {report.reporter_id, report.filed_by_id}:
        return False
    if user.is_superuser:
        return True
    scope = getattr(user, "scope_grid", None)
    if scope is None or not report.grid.path.startswith(scope.path):
        return False
    if user.has_role("mediator", "administrator"):
        return True
    return user.has_role("cadre", "town_operator") and scope.level in COUNTY_LEVELS


def may_see_agreement(user: Any, agreement: Agreement) -> bool:
    """The parties (the reporter) and staff in scope; nobody else."""
    if not getattr(user, "is_authenticated", False):
        return False
    if agreement.case.report.reporter_id == user.pk:
        return True
    return staff_cases(user).filter(pk=agreement.case_id).exists()


def _handled(case_id: int, actor: Any) -> Case:
    """Lock an open case the actor may work on, or refuse in Chinese."""
    case = (Case.objects.select_for_update(of=("self",))
            .select_related("report__grid", "report__category", "organisation__grid", "mediator")
            .filter(pk=case_id).first())
    if case is None or not may_handle(actor, case.report):
        raise MediationError(_("您无权办理该调解案件。"))
    if not case.is_open:
        raise MediationError(_("该调解案件已结案。"))
    return case


# --- directory ----------------------------------------------------------------------

def ancestor_paths(grid: Grid) -> list[str]:
    """Paths of ``grid`` and every node above it (materialised path prefixes)."""
    step = Grid.steplen
    return [grid.path[:n] for n in range(step, len(grid.path) + 1, step)]


def county_of(grid: Grid | None) -> Grid | None:
    """The county (or the city, above the counties) a resident's grid belongs to."""
    if grid is None:
        return None
    nodes = Grid.objects.filter(path__in=ancestor_paths(grid), level__in=COUNTY_LEVELS)
    return nodes.order_by("-depth").first()


def directory(grid: Grid | None) -> QuerySet[Organisation]:
    """Active organisations serving the resident's county (and city-wide ones above it)."""
    orgs = Organisation.objects.filter(active=True).select_related("grid")
    county = county_of(grid)
    if county is not None:
        orgs = orgs.filter(Q(grid__path__startswith=county.path)
                           | Q(grid__path__in=ancestor_paths(county)))
    return orgs.order_by("kind", "grid__path", "name")


def suggest_organisations(case: Case) -> list[Organisation]:
    """Organisations whose region contains the report's grid, matching specialities first.

    The county centre stage is handled by 矛调中心 organisations only; the mediation
    stage by the others. Nearer regions come before wider ones.
    """
    report = case.report
    kinds = Q(kind=OrganisationKind.CENTRE)
    if case.stage != Report.Status.COUNTY_CENTER:
        kinds = ~kinds
    orgs = (Organisation.objects.filter(kinds, active=True,
                                        grid__path__in=ancestor_paths(report.grid))
            .select_related("grid")
            .annotate(matches=Count("specialities", filter=Q(specialities=report.category_id)))
            .order_by("-matches", "-grid__depth", "name"))
    return list(orgs)


# --- cases ---------------------------------------------------------------------------

def open_case(report_id: int, stage: str) -> Case | None:
    """Open the case of a report entering a mediation stage (idempotent)."""
    if stage not in STAGES:
        return None
    try:
        with transaction.atomic():
            case, _created = Case.objects.get_or_create(report_id=report_id, stage=stage,
                                                        status__in=OPEN_STATUSES)
    except IntegrityError:  # a concurrent delivery of the same event won
        case = Case.objects.get(report_id=report_id, stage=stage, status__in=OPEN_STATUSES)
    return case


def sync_cases(user: Any) -> int:
    """Open the missing cases of reports in the user's scope already at a mediation stage.

    ``on_event`` only reaches plugins enabled site-wide: a report that entered the
    stage while this plugin was off (or enabled only for a subtree) is picked up here.
    """
    waiting = scope_queryset(user, Report.objects.filter(status__in=STAGES), "grid").exclude(
        mediation_cases__status__in=OPEN_STATUSES)
    missing = list(waiting.values_list("pk", "status")[:200])
    for report_id, stage in missing:
        open_case(report_id, stage)
    return len(missing)


def on_status_changed(payload: dict[str, Any]) -> None:
    """React to ``reports.status_changed``: open cases; end cases left behind elsewhere.

    Events arrive after commit, possibly late and several at once (one per move of a
    transaction), so the report's *current* status decides, never the payload's "to".
    """
    report_id = payload.get("report_id")
    current = Report.objects.filter(pk=report_id).values_list("status", flat=True).first()
    if current is None:
        return
    # The report moved on outside this plugin (e.g. resolved on the reports workbench).
    Case.objects.filter(report_id=report_id, status__in=OPEN_STATUSES).exclude(
        stage=current).update(status=CaseStatus.ENDED, closed_at=timezone.now())
    if current in STAGES:
        open_case(report_id, current)


def _report_url(report: Report) -> str:
    return reverse("reports:detail", args=[report.pk])


def assign(case_id: int, organisation: Organisation, mediator: Mediator, *, actor: Any) -> Case:
    with transaction.atomic():
        case = _handled(case_id, actor)
        if organisation.pk not in {org.pk for org in suggest_organisations(case)}:
            raise MediationError(_("所选调解组织不负责该报事所在区域或不适用于本环节。"))
        if mediator.organisation_id != organisation.pk or not mediator.active:
            raise MediationError(_("所选调解员不属于该调解组织或已不在岗。"))
        if not mediator.user.has_role("mediator"):
            raise MediationError(_("所选调解员的账号没有调解员角色。"))
        if mediator.user_id in {case.report.reporter_id, case.report.filed_by_id}:
            raise MediationError(_("报办分离：报事人不能调解自己的报事。"))
        case.organisation, case.mediator = organisation, mediator
        case.status = CaseStatus.ASSIGNED
        case.save(update_fields=["organisation", "mediator", "status"])
        report = case.report
        notify(report.reporter, _("您的报事已分派调解组织"),
               _("报事 %(code)s 由%(org)s调解员%(name)s负责调解，调解员将与您联系。") % {
                   "code": report.code, "org": organisation.name, "name": mediator.name},
               url=_report_url(report), source=SLUG)
        notify(mediator.user, _("新的调解案件"),
               _("报事 %(code)s（%(category)s）已分派给您调解。") % {
                   "code": report.code, "category": report.category.name},
               url=reverse("mediation_work:case", args=[case.pk]), source=SLUG)
    return case


def schedule_session(case_id: int, *, starts_at: datetime, ends_at: datetime, place: str = "",
                     online_link: str = "", actor: Any) -> Session:
    place, online_link = (place or "").strip(), (online_link or "").strip()
    if ends_at <= starts_at:
        raise MediationError(_("结束时间必须晚于开始时间。"))
    if starts_at <= timezone.now():
        raise MediationError(_("调解时间须在当前时间之后。"))
    if not place and not online_link:
        raise MediationError(_("请填写调解地点或线上调解链接。"))
    with transaction.atomic():
        case = _handled(case_id, actor)
        if case.mediator is None:
            raise MediationError(_("请先分派调解组织和调解员。"))
        mediator = case.mediator
        # Lock every post of this person: their diary is one, whichever organisation books.
        list(Mediator.objects.select_for_update().filter(user_id=mediator.user_id))
        clash = Session.objects.filter(mediator__user_id=mediator.user_id, starts_at__lt=ends_at,
                                       ends_at__gt=starts_at).select_related("case__report").first()
        if clash is not None:
            raise MediationError(_("调解员%(name)s在该时段已有调解安排（%(when)s），请另选时间。") % {
                "name": mediator.name,
                "when": timezone.localtime(clash.starts_at).strftime("%m-%d %H:%M")})
        session = Session.objects.create(case=case, mediator=mediator, starts_at=starts_at,
                                         ends_at=ends_at, place=place, online_link=online_link,
                                         created_by=actor)
        report = case.report
        where = place or _("线上调解")
        when = timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M")
        notify(report.reporter, _("调解时间已安排"),
               _("报事 %(code)s 定于 %(when)s 在%(where)s调解，调解员：%(name)s。") % {
                   "code": report.code, "when": when, "where": where, "name": mediator.name},
               url=_report_url(report), source=SLUG, channels=("inbox", "sms"))
        if mediator.user_id != getattr(actor, "pk", None):
            notify(mediator.user, _("调解时间已安排"),
                   _("报事 %(code)s 定于 %(when)s 调解。") % {"code": report.code, "when": when},
                   url=reverse("mediation_work:case", args=[case.pk]), source=SLUG)
    return session


def record_notes(session_id: int, notes: str, *, actor: Any) -> Session:
    notes = (notes or "").strip()
    if not notes:
        raise MediationError(_("请填写调解笔录。"))
    with transaction.atomic():
        session = Session.objects.select_for_update().filter(pk=session_id).first()
        if session is None:
            raise MediationError(_("调解会不存在。"))
        _handled(session.case_id, actor)
        session.notes, session.notes_by = notes, actor
        session.save(update_fields=["notes", "notes_by"])
    return session


def _next_number(organisation: Organisation, year: int) -> str:
    """（2026）330402-7调字第0001号: per organisation and year, under the organisation's lock."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    prefix = f"（{year}）{organisation.grid.code[:6]}-{organisation.pk}调字第"
    taken = Agreement.objects.filter(number__startswith=prefix).count()
    return f"{prefix}{taken + 1:04d}号"


def record_agreement(case_id: int, *, parties: str, facts: str, terms: str,
                     performance_deadline: date, signed_on: date, actor: Any) -> Agreement:
    """Write the 调解协议书 and resolve the report through the workflow, all or nothing."""
    fields = {"parties": (parties or "").strip(), "facts": (facts or "").strip(),
              "terms": (terms or "").strip()}
    if not all(fields.values()):
        raise MediationError(_("请填写当事人、纠纷事实和协议内容。"))
    if signed_on > timezone.localdate():
        raise MediationError(_("签订日期不能晚于今天。"))
    if performance_deadline < signed_on:
        raise MediationError(_("履行期限不能早于签订日期。"))
    with transaction.atomic():
        case = _handled(case_id, actor)
        if case.organisation is None or case.mediator is None:
            raise MediationError(_("请先分派调解组织和调解员。"))
        agreement = Agreement.objects.create(
            case=case, number=_next_number(case.organisation, signed_on.year),
            performance_deadline=performance_deadline, signed_on=signed_on, created_by=actor,
            **fields)
        case.status, case.closed_at = CaseStatus.AGREED, timezone.now()
        case.outcome_note = _("达成调解协议（%(number)s）") % {"number": agreement.number}
        case.save(update_fields=["status", "closed_at", "outcome_note"])
        try:
            workflow.transition(
                case.report, Report.Status.RESOLVED, actor=actor,
                resolution=RESOLUTION[case.stage],
                note=_("经%(org)s调解达成协议，协议书编号%(number)s。") % {
                    "org": case.organisation.name, "number": agreement.number},
                details={"mediation_case": case.pk, "agreement": agreement.number})
        except workflow.WorkflowError as exc:
            raise MediationError(exc.messages[0]) from exc
    return agreement


def record_failure(case_id: int, *, reason: str, actor: Any) -> Case:
    """调解不成: end the case and move the report to the next body (矛调中心, then court)."""
    reason = (reason or "").strip()
    if not reason:
        raise MediationError(_("请填写调解不成的原因。"))
    with transaction.atomic():
        case = _handled(case_id, actor)
        case.status, case.closed_at, case.outcome_note = CaseStatus.FAILED, timezone.now(), reason
        case.save(update_fields=["status", "closed_at", "outcome_note"])
        try:
            workflow.transition(case.report, NEXT_STAGE[case.stage], actor=actor,
                                note=_("调解不成：%(reason)s") % {"reason": reason},
                                details={"mediation_case": case.pk})
        except workflow.WorkflowError as exc:
            raise MediationError(exc.messages[0]) from exc
    return case
