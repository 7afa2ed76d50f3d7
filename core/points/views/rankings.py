"""排行榜 (/points/rankings/): one board and one period at a time."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..rankings import Board, NoRegion, Period, parse_at, ranking


def choice(value: str | None, choices: type[Board] | type[Period], default: str) -> str:
    return value if value in choices.values else default


def shift(period: str, at: date, step: int) -> date:
    """The first day of the month or year ``step`` periods away."""
    if period == Period.YEAR:
        return date(at.year + step, 1, 1)
    months = at.year * 12 + at.month - 1 + step
    return date(months // 12, months % 12 + 1, 1)


def at_param(period: str, at: date) -> str:
    return f"{at.year}" if period == Period.YEAR else f"{at.year}-{at.month:02d}"


@login_required
def rankings(request: HttpRequest) -> HttpResponse:
    board = choice(request.GET.get("board"), Board, Board.RESIDENTS)
    period = choice(request.GET.get("period"), Period, Period.MONTH)
    today = timezone.localdate()
    at = parse_at(request.GET.get("at")) or today
    at = min(at, today)
    try:
        result = ranking(board, period, viewer=request.user, at=at)
    except NoRegion:
        result = None
    previous = shift(period, at, -1)
    following = shift(period, at, 1)
    return render(request, "points/rankings.html", {
        "tab": "me",
        "ranking": result,
        "board": board,
        "period": period,
        "boards": Board.choices,
        "periods": Period.choices,
        "at": at,
        "previous_at": at_param(period, previous),
        "next_at": at_param(period, following) if following <= today else "",
    })
