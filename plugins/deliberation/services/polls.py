"""民主投票: who may vote, the one-ballot rule, results and turnout.

A second vote is stopped twice: a friendly check for an existing ballot, and the
unique constraint on (poll, voter) for two requests racing past that check (the
loser's INSERT fails inside a savepoint and is reported like the check).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.grids.models import Grid
from core.grids.scoping import within

from ..manifest import RULE_VOTE
from ..models import Ballot, Choice, Poll, PollKind, PublishStatus, Vote
from .common import DeliberationError, award, in_region, lives_in


@dataclass(frozen=True)
class ChoiceResult:
    id: int
    text: str
    votes: int
    percent: float  # of the ballots cast (multiple choice: sums to more than 100)


@dataclass(frozen=True)
class PollResults:
    ballots: int
    choices: list[ChoiceResult]


def visible_polls(grid: Grid | None) -> QuerySet[Poll]:
    """Published polls a resident living in ``grid`` may see, with the ballot count."""
    return (Poll.objects.filter(in_region(grid), status=PublishStatus.PUBLISHED)
            .select_related("grid").annotate(ballot_count=Count("ballots")))


def open_polls(grid: Grid | None, now=None) -> QuerySet[Poll]:
    now = now or timezone.now()
    return visible_polls(grid).filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")


def my_ballots(user: Any, polls: list[Poll]) -> dict[int, Ballot]:
    """The user's ballots for the listed polls, in one query."""
    if not getattr(user, "is_authenticated", False) or not polls:
        return {}
    rows = Ballot.objects.filter(voter=user, poll__in=[p.pk for p in polls])
    return {ballot.poll_id: ballot for ballot in rows}


def check_can_vote(poll: Poll, user: Any, now=None) -> None:
    """Raise DeliberationError with the reason this user may not vote now."""
    now = now or timezone.now()
    if poll.status != PublishStatus.PUBLISHED:
        raise DeliberationError(_("该投票尚未发布。"))
    if now < poll.opens_at:
        raise DeliberationError(_("投票尚未开始，开始时间：%(at)s。") % {
            "at": timezone.localtime(poll.opens_at).strftime("%Y-%m-%d %H:%M")})
    if now >= poll.closes_at:
        raise DeliberationError(_("投票已结束。"))
    if not lives_in(user, poll.grid):
        raise DeliberationError(_("该投票仅限%(grid)s的居民参与。") % {"grid": poll.grid.name})
    if not user.is_verified:
        raise DeliberationError(_("请先完成实名认证再参与投票，每位实名居民一票。"))


def _clean_choices(poll: Poll, choice_ids: list[int]) -> list[Choice]:
    wanted = list(dict.fromkeys(int(c) for c in choice_ids))  # keep order, drop repeats
    if not wanted:
        raise DeliberationError(_("请选择投票选项。"))
    limit = 1 if poll.kind == PollKind.SINGLE else poll.max_choices
    if len(wanted) > limit:
        if poll.kind == PollKind.SINGLE:
            raise DeliberationError(_("本投票为单选，只能选择一项。"))
        raise DeliberationError(_("本投票最多可选 %(n)s 项。") % {"n": limit})
    choices = list(Choice.objects.filter(poll=poll, pk__in=wanted))
    if len(choices) != len(wanted):
        raise DeliberationError(_("所选选项不属于本投票，请刷新后重试。"))
    return choices


def vote(poll_id: int, user: Any, choice_ids: list[int], *, now=None) -> Ballot:
    """Cast the user's one ballot (ballot + votes + points in one transaction)."""
    now = now or timezone.now()
    with transaction.atomic():
        poll = Poll.objects.select_related("grid").get(pk=poll_id)
        check_can_vote(poll, user, now)
        choices = _clean_choices(poll, choice_ids)
        if Ballot.objects.filter(poll=poll, voter=user).exists():
            raise DeliberationError(_("您已参与过本次投票，每人只能投一次。"))
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(poll=poll, voter=user)
        except IntegrityError:
            raise DeliberationError(_("您已参与过本次投票，每人只能投一次。")) from None
        Vote.objects.bulk_create([Vote(ballot=ballot, choice=choice) for choice in choices])
        ballot.points_awarded, ballot.points_note = award(
            user, RULE_VOTE, key=f"deliberation:vote:{poll.pk}:{user.pk}", target=ballot,
            reason=_("参与民主投票：%(title)s") % {"title": poll.title})
        if ballot.points_awarded or ballot.points_note:
            ballot.save(update_fields=["points_awarded", "points_note"])
        return ballot


def results(poll: Poll) -> PollResults:
    """Counts and percentages per choice (two queries whatever the turnout)."""
    total = Ballot.objects.filter(poll=poll).count()
    rows = Choice.objects.filter(poll=poll).annotate(n=Count("votes")).order_by("sort_order", "pk")
    return PollResults(total, [
        ChoiceResult(c.pk, c.text, c.n, round(100 * c.n / total, 1) if total else 0.0)
        for c in rows])


def eligible_count(poll: Poll) -> int:
    """Verified, active residents living in the poll's subtree: the turnout denominator."""
    return get_user_model().objects.filter(
        within(poll.grid, "home_grid"), verification_status="verified", is_active=True).count()


def turnout(poll: Poll) -> tuple[int, int, float]:
    """(ballots, eligible, percent) for staff."""
    ballots = Ballot.objects.filter(poll=poll).count()
    eligible = eligible_count(poll)
    return ballots, eligible, round(100 * ballots / eligible, 1) if eligible else 0.0
