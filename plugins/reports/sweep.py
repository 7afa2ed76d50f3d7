"""The periodic SLA sweep: fill missing deadlines, mark overdue reports, 督办 one level up.

Idempotent: a report is marked and supervised once per stage (the flags reset when
it moves on), and a deadline is filled only while empty. Each report is handled in
its own short transaction with the row locked, so the sweep never races a move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.identity.roles import GROUP_NAMES

from . import notices, rules, sla
from .models import Report, Transition

S = Report.Status
ACTIVE = [S.SUBMITTED, *rules.HANDLING]
# Who supervises at the node above the handler.
SUPERVISOR_ROLES = ("grid_head", "cadre", "town_operator", "administrator")


@dataclass
class SweepResult:
    deadlines_filled: int = 0
    still_missing: int = 0
    marked_overdue: int = 0


def stage_started(report: Report) -> datetime:
    """When the current stage began: the last move into the current status."""
    # Assignments and supervision notes keep the status (from == to): not a stage start.
    started = (report.transitions.filter(to_status=report.status).exclude(
        from_status=F("to_status"))
        .order_by("-created_at", "-pk").values_list("created_at", flat=True).first())
    return started or report.created_at


def fill_deadlines(result: SweepResult) -> None:
    for pk in Report.objects.filter(status__in=ACTIVE, due_at__isnull=True).values_list(
            "pk", flat=True):
        with transaction.atomic():
            report = Report.objects.select_for_update(of=("self",)).select_related(
                "category").get(pk=pk)
            if report.due_at is not None or report.status not in ACTIVE:
                continue
            due_at, missing = sla.deadline(report, stage_started(report))
            if due_at is None:
                result.still_missing += bool(missing)
                continue
            report.due_at = due_at
            report.save(update_fields=["due_at", "updated_at"])
            result.deadlines_filled += 1


def supervisors(node) -> list:
    """Staff scoped exactly to ``node`` who supervise (the level above the handler)."""
    if node is None:
        return []
    names = [GROUP_NAMES[role] for role in SUPERVISOR_ROLES]
    return list(get_user_model().objects.filter(
        scope_grid=node, is_active=True, groups__name__in=names).distinct())


def mark_overdue(result: SweepResult, now: datetime) -> None:
    due = Report.objects.filter(status__in=ACTIVE, is_overdue=False, due_at__lt=now)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            report = Report.objects.select_for_update(of=("self",)).select_related(
                "category", "grid", "handling_grid").get(pk=pk)
            if report.is_overdue or report.status not in ACTIVE or not report.due_at \
                    or report.due_at >= now:
                continue
            handler = report.handling_grid or report.grid
            above = handler.get_parent() or handler
            report.is_overdue = report.is_supervised = True
            report.supervising_grid = above
            report.save(update_fields=["is_overdue", "is_supervised", "supervising_grid",
                                       "updated_at"])
            Transition.objects.create(
                report=report, from_status=report.status, to_status=report.status,
                actor=None, actor_label=str(_("系统")),
                note=_("超过办理期限，由%(node)s督办。") % {"node": above.name},
                details={"action": "supervise", "supervising_grid": above.pk},
            )
            notices.supervised(report, supervisors(above))
            result.marked_overdue += 1


def sweep(now: datetime | None = None) -> SweepResult:
    result = SweepResult()
    fill_deadlines(result)
    mark_overdue(result, now or timezone.now())
    return result
