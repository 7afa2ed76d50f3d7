"""Who hears about a report, and how staff appear on the reporter's timeline.

Messages go through the core notification service only. The reporter's timeline
shows a role and body ("网格员 · 东栅第一网格"), never a staff member's name or phone.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from core.grids.models import Grid
from core.identity.roles import GROUP_NAMES, Role
from core.notifications.services import notify

from . import rules
from .models import Report, Transition

SOURCE = "reports"
# The role shown for an actor holding several, most senior handling role first.
LABEL_ORDER = ("judge", "mediator", "town_operator", "cadre", "grid_head", "grid_worker",
               "administrator")


def resident_url(report: Report) -> str:
    try:
        return reverse("reports:detail", args=[report.pk])
    except NoReverseMatch:  # resident pages not mounted (e.g. some management commands)
        return ""


def staff_url(report: Report) -> str:
    return reverse("reports_work:case", args=[report.pk])


def actor_label(actor: Any, report: Report) -> str:
    if actor is None:
        return str(_("系统"))
    if actor.pk == report.reporter_id:
        return str(_("报事人"))
    codes = set(getattr(actor, "role_codes", ()))
    if actor.is_superuser:
        codes.add("administrator")
    role = next((code for code in LABEL_ORDER if code in codes), None)
    label = str(Role(role).label) if role else str(_("工作人员"))
    place = report.handling_body.name if report.handling_body_id else (
        actor.scope_grid.name if getattr(actor, "scope_grid_id", None) else "")
    return f"{label} · {place}" if place else label


def handlers_of(grid: Grid | None, stage: str, report: Report) -> list[Any]:
    """Active staff scoped exactly to ``grid`` who handle ``stage`` (not the parties)."""
    if grid is None:
        return []
    roles = set(rules.STAGE_ROLES.get(stage, ())) | {"administrator"}
    if stage in rules.COUNTY_STAGES and grid.level in rules.COUNTY_LEVELS:
        roles |= rules.COUNTY_STAGE_ROLES
    users = get_user_model().objects.filter(
        scope_grid=grid, is_active=True, groups__name__in=[GROUP_NAMES[r] for r in roles],
    ).exclude(pk__in=[report.reporter_id, report.filed_by_id or 0]).distinct()
    return list(users)


def status_changed(report: Report, step: Transition) -> None:
    status = Report.Status(step.to_status).label
    if step.actor_id != report.reporter_id:
        notify(report.reporter, _("您的报事有新进展"),
               _("报事 %(code)s 现为“%(status)s”。%(note)s") % {
                   "code": report.code, "status": status, "note": step.note},
               url=resident_url(report), source=SOURCE)
    if report.status not in rules.HANDLING:
        return
    recipients = {user.pk: user for user in handlers_of(report.handling_grid, report.status,
                                                         report)}
    if report.assignee_id and report.assignee_id != step.actor_id:
        recipients[report.assignee_id] = report.assignee
    recipients.pop(step.actor_id, None)
    title = _("有报事待您办理") if step.details.get("reopened") is None else _("报事被退回重办")
    for user in recipients.values():
        notify(user, title, _("%(code)s（%(category)s）：%(status)s，%(address)s") % {
            "code": report.code, "category": report.category.name, "status": status,
            "address": report.address or report.grid.name},
            url=staff_url(report), source=SOURCE)


def submitted(report: Report) -> None:
    """A new report: tell the grid team that will accept it."""
    for user in handlers_of(report.handling_grid, Report.Status.SUBMITTED, report):
        notify(user, _("新报事待受理"), _("%(code)s（%(category)s）：%(address)s") % {
            "code": report.code, "category": report.category.name,
            "address": report.address or report.grid.name},
            url=staff_url(report), source=SOURCE)


def assigned(report: Report, assignee: Any) -> None:
    notify(assignee, _("您被指派为报事承办人"), _("%(code)s（%(category)s）") % {
        "code": report.code, "category": report.category.name},
        url=staff_url(report), source=SOURCE)


def supervised(report: Report, staff: list[Any]) -> None:
    for user in staff:
        notify(user, _("超期报事督办"),
               _("%(code)s（%(category)s）在“%(status)s”环节已超过办理期限，请督促办理。") % {
                   "code": report.code, "category": report.category.name,
                   "status": report.get_status_display()},
               url=staff_url(report), source=SOURCE)
