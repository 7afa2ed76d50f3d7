"""五议两公开: one step at a time, in order, with the quorum and majority rules.

审议 (党员大会) and 决议 (村民代表会议) both need at least two thirds of those entitled
present (组织法第二十六条 for the representatives' meeting) and pass with more than
half of those present in favour. A step that breaks a rule is refused and nothing
is saved; the unique (decision, stage) constraint stops a stage being recorded twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.grids.models import Grid
from core.grids.scoping import scope_queryset

from ..models import PUBLIC_STAGES, VOTING_STAGES, Decision, DecisionStep, Stage
from .common import DeliberationError, in_region


@dataclass(frozen=True)
class Counts:
    entitled: int
    present: int
    in_favour: int
    against: int = 0
    abstained: int = 0


def quorum(entitled: int) -> int:
    """The fewest present for two thirds of ``entitled`` (integers: no rounding surprises)."""
    return -(-2 * entitled // 3)


def check_vote(stage: str, counts: Counts | None) -> None:
    body = _("党员大会") if stage == Stage.REVIEW else _("村民代表会议")
    if counts is None:
        raise DeliberationError(_("%(body)s须填写应到、实到和表决票数。") % {"body": body})
    if counts.entitled <= 0:
        raise DeliberationError(_("应到人数必须大于 0。"))
    if counts.present > counts.entitled:
        raise DeliberationError(_("实到人数不能超过应到人数。"))
    if counts.in_favour + counts.against + counts.abstained > counts.present:
        raise DeliberationError(_("赞成、反对、弃权票数之和不能超过实到人数。"))
    needed = quorum(counts.entitled)
    if counts.present < needed:
        raise DeliberationError(
            _("%(body)s到会人数不足：应到 %(e)s 人，须至少 %(q)s 人（三分之二）到会，实到 %(p)s 人。")
            % {"body": body, "e": counts.entitled, "q": needed, "p": counts.present})
    if counts.in_favour * 2 <= counts.present:
        raise DeliberationError(
            _("未获通过：赞成 %(f)s 票，未超过实到 %(p)s 人的半数。") % {
                "f": counts.in_favour, "p": counts.present})


def start(decision: Decision, actor: Any, held_on: date, note: str = "") -> DecisionStep:
    """Record the 建议 step of a new decision (called when it is created)."""
    return DecisionStep.objects.create(decision=decision, stage=Stage.PROPOSAL, actor=actor,
                                       held_on=held_on, note=note)


def record_step(decision_id: int, actor: Any, stage: str, held_on: date, note: str = "",
                counts: Counts | None = None) -> DecisionStep:
    """Move the decision to ``stage`` (only the next one), or refuse with the reason."""
    note = (note or "").strip()
    with transaction.atomic():
        decision = scope_queryset(actor, Decision.objects.select_for_update(of=("self",)),
                                  "grid").filter(pk=decision_id).first()
        if decision is None:
            raise DeliberationError(_("事项不存在或不在您的管理范围内。"))
        expected = decision.next_stage
        if expected is None:
            raise DeliberationError(_("该事项已完成全部环节。"))
        if stage != expected:
            raise DeliberationError(_("请按“五议两公开”顺序办理：下一环节是“%(next)s”。") % {
                "next": Stage(expected).label})
        if not note:
            raise DeliberationError(_("请填写本环节的情况说明。"))
        fields: dict[str, Any] = {}
        if stage in VOTING_STAGES:
            check_vote(stage, counts)
            fields = {"entitled": counts.entitled, "present": counts.present,
                      "in_favour": counts.in_favour, "against": counts.against,
                      "abstained": counts.abstained}
        try:
            with transaction.atomic():
                step = DecisionStep.objects.create(decision=decision, stage=stage, actor=actor,
                                                   held_on=held_on, note=note, **fields)
        except IntegrityError:
            raise DeliberationError(_("该环节已记录，请刷新页面。")) from None
        decision.stage = stage
        decision.save(update_fields=["stage", "updated_at"])
        return step


def published_decisions(grid: Grid | None) -> QuerySet[Decision]:
    """Decisions of the reader's village (or above) whose resolution has been published."""
    return Decision.objects.filter(in_region(grid), stage__in=PUBLIC_STAGES).select_related("grid")
