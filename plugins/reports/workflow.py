"""The one way to change a report's status (and the reporter's rating, which also moves it).

Every move locks the report row, checks the state machine and the actor
(``rules.py``), records a ``Transition``, resets the stage's SLA clock, notifies the
reporter and the new handlers, and announces ``reports.status_changed`` to other
plugins after the commit (a rolled-back move announces nothing).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import notices, routing, rules, sla
from .manifest import RULE_HAZARD_CONFIRMED
from .models import Category, Report, Transition

logger = logging.getLogger(__name__)
S = Report.Status
EVENT_STATUS_CHANGED = "reports.status_changed"


class WorkflowError(ValidationError):
    """A refused move, with a Chinese message for the person who tried it."""


def _lock(report: Report) -> Report:
    return (Report.objects.select_for_update(of=("self",))
            .select_related("grid", "category", "handling_grid")
            .get(pk=report.pk))


def _sync(report: Report, locked: Report) -> None:
    """Copy the saved state back onto the caller's instance."""
    for field in Report._meta.concrete_fields:
        setattr(report, field.attname, getattr(locked, field.attname))
    for name in ("handling_grid", "handling_body", "assignee", "merged_into"):
        if name in report._state.fields_cache:
            del report._state.fields_cache[name]


def transition(report: Report, to_status: str, *, actor: Any, note: str = "",
               resolution: str = "", details: dict | None = None,
               merged_into: Report | None = None) -> Transition:
    """Move ``report`` to ``to_status`` as ``actor``; raise ``WorkflowError`` if refused.

    ``merged_into`` is the kept report when ``to_status`` is ``merged``.
    """
    note = (note or "").strip()
    with transaction.atomic():
        locked = _lock(report)
        _check_move(locked, to_status, actor, note)
        if to_status == S.MERGED:
            locked.merged_into = _merge_target(locked, merged_into, actor)
        if to_status == S.RESOLVED:
            if resolution and resolution not in rules.RESOLUTIONS:
                raise WorkflowError(_("办结方式无效。"))
            locked.resolution = resolution or rules.DEFAULT_RESOLUTION.get(locked.status, "")
        step = _apply(locked, to_status, actor, note, dict(details or {}))
    _sync(report, locked)
    return step


def rate(report: Report, user: Any, rating: str, comment: str = "") -> Transition:
    """The reporter rates a resolved report: 满意/基本满意 close it, 不满意 reopens it."""
    if rating not in Report.Rating.values:
        raise WorkflowError(_("请选择满意、基本满意或不满意。"))
    comment = (comment or "").strip()
    with transaction.atomic():
        locked = _lock(report)
        if locked.reporter_id != getattr(user, "pk", None):
            raise WorkflowError(_("只有报事人本人可以评价。"))
        if locked.status != S.RESOLVED:
            raise WorkflowError(_("该报事尚未办结，暂不能评价。"))
        locked.rating, locked.rating_comment = rating, comment[:500]
        to_status = S.CLOSED
        if rating == Report.Rating.DISSATISFIED:
            to_status = last_handling_stage(locked)
        step = _apply(locked, to_status, user, comment, {"rating": rating})
    _sync(report, locked)
    return step


def assign(report: Report, assignee: Any, *, actor: Any, note: str) -> Transition:
    """Name the staff member who follows the current stage up (a timeline entry, no move)."""
    note = (note or "").strip()
    if not note:
        raise WorkflowError(_("请填写办理意见。"))
    with transaction.atomic():
        locked = _lock(report)
        if locked.status not in rules.HANDLING:
            raise WorkflowError(_("只有办理中的报事可以指派承办人。"))
        if not rules.handles_stage(actor, locked, locked.status):
            raise WorkflowError(_("您无权办理该报事。"))
        if not rules.handles_stage(assignee, locked, locked.status):
            raise WorkflowError(_("所选人员不能办理本环节（不在负责区域、角色不符或为报事人本人）。"))
        locked.assignee = assignee
        locked.save(update_fields=["assignee", "updated_at"])
        step = _record(locked, locked.status, locked.status, actor, note,
                       {"action": "assign", "assignee_id": assignee.pk})
        notices.assigned(locked, assignee)
    _sync(report, locked)
    return step


def last_handling_stage(report: Report) -> str:
    """The stage a report was resolved from: where 不满意 sends it back."""
    resolved = report.transitions.filter(to_status=S.RESOLVED).order_by("-created_at", "-pk")
    stage = resolved.values_list("from_status", flat=True).first()
    return stage if stage in rules.HANDLING else S.GRID_ACCEPTED


# --- internals ------------------------------------------------------------------------

def _check_move(report: Report, to_status: str, actor: Any, note: str) -> None:
    if to_status not in S.values:
        raise WorkflowError(_("未知的状态。"))
    if not rules.move_exists(report, to_status):
        raise WorkflowError(_("报事当前为“%(now)s”，不能转为“%(to)s”。") % {
            "now": report.get_status_display(), "to": S(to_status).label})
    if rules.is_party(actor, report):
        raise WorkflowError(_("报办分离：报事人或代报人不能办理自己报的事项。"))
    if not rules.may_move(actor, report, to_status):
        raise WorkflowError(_("您无权对该报事执行此操作。"))
    if to_status in {S.REJECTED, S.MERGED} and not note:
        raise WorkflowError(_("请填写不予受理或合并的理由。"))


def _merge_target(report: Report, target: Report | None, actor: Any) -> Report:
    if target is None:
        raise WorkflowError(_("请选择要合并到的报事。"))
    target = Report.objects.select_related("grid").filter(pk=target.pk).first()
    if target is None or target.pk == report.pk:
        raise WorkflowError(_("不能合并到报事本身。"))
    if target.status in {S.MERGED, S.REJECTED}:
        raise WorkflowError(_("目标报事已合并或不予受理，请选择仍在办理的报事。"))
    if not rules.in_scope(actor, target.grid):
        raise WorkflowError(_("目标报事不在您的负责区域内。"))
    return target


def _apply(report: Report, to_status: str, actor: Any, note: str, details: dict) -> Transition:
    """Set the new status and everything that follows from it, then record it."""
    from_status = report.status
    now = timezone.now()
    report.status = to_status
    reopened = from_status == S.RESOLVED and to_status in rules.HANDLING
    if to_status in rules.HANDLING:
        if not reopened:
            # A new body takes over; a reopened report goes back to the body that had it.
            route = routing.route(report, to_status)
            report.handling_grid, report.handling_body = route.grid, route.body
            report.assignee = actor if to_status == S.GRID_ACCEPTED and not actor.is_superuser \
                else None
        else:
            details["reopened"] = True
            report.resolved_at = None
            report.resolution = ""
        report.due_at, missing = sla.deadline(report, now)
        if missing:
            details["calendar_missing"] = missing
        report.is_overdue = report.is_supervised = False
        report.supervising_grid = None
    else:
        report.due_at = None
        report.is_overdue = report.is_supervised = False
        report.supervising_grid = None
    if to_status == S.RESOLVED:
        report.resolved_at = now
        # A reopened report is rated afresh; the 不满意 stays on its timeline entry.
        report.rating, report.rating_comment = "", ""
    if to_status == S.CLOSED:
        report.closed_at = now
    if to_status == S.GRID_ACCEPTED and report.category.kind == Category.Kind.HAZARD:
        details["points"] = _award_hazard(report, actor)
    report.save()
    step = _record(report, from_status, to_status, actor, note, details)
    notices.status_changed(report, step)
    payload = {"report_id": report.pk, "code": report.code, "from": from_status,
               "to": to_status, "actor_id": getattr(actor, "pk", None)}
    transaction.on_commit(lambda: _announce(payload))
    return step


def _record(report: Report, from_status: str, to_status: str, actor: Any, note: str,
            details: dict) -> Transition:
    return Transition.objects.create(
        report=report, from_status=from_status, to_status=to_status, actor=actor,
        actor_label=notices.actor_label(actor, report), note=note[:1000], details=details,
    )


def _award_hazard(report: Report, actor: Any) -> dict:
    """Points for a hazard report the grid confirmed: once per report, never fatal."""
    from core.points.errors import PointsError
    from core.points.services import apply_rule

    try:
        # A savepoint: a refused award must not poison the transition's transaction.
        with transaction.atomic():
            entry = apply_rule(report.reporter, RULE_HAZARD_CONFIRMED,
                               key=f"{RULE_HAZARD_CONFIRMED}:{report.pk}", actor=actor,
                               target=report,
                               reason=_("安全隐患报告经网格确认：%(code)s") % {"code": report.code})
    except PointsError as exc:
        return {"awarded": 0, "note": exc.messages[0][:200]}
    except ObjectDoesNotExist:  # no default site configured: nothing to award against
        logger.warning("report %s: points not awarded, no default site", report.pk)
        return {"awarded": 0, "note": _("积分未发放：站点未配置。")}
    return {"awarded": entry.amount}


def _announce(payload: dict) -> None:
    from core.plugins.host import host

    host.call("on_event", name=EVENT_STATUS_CHANGED, payload=payload)
