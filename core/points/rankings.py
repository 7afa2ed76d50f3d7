"""排行榜: residents, households, grids and villages by month or year, within a region.

Every ranking is one aggregate query over ``PointEntry.credit_delta`` in the
period (累计积分 earned, less deductions; spending does not lower a rank), grouped
by user, household or a prefix of ``grid_path``: entries keep the path of the
resident's grid when they were made, so a move never shifts old points. A grid
level's prefix length follows from the tree (treebeard: ``depth * steplen``).
The viewer's own rank costs two or three small queries more, only outside the top.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import models
from django.db.models import F, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.grids.models import LEVEL_ORDER, Grid, GridLevel

from .masking import mask_name
from .models import PointEntry

TOP = 20


class Board(models.TextChoices):
    RESIDENTS = "residents", _("居民")
    HOUSEHOLDS = "households", _("家庭")
    GRIDS = "grids", _("网格")
    VILLAGES = "villages", _("村（社区）")


class Period(models.TextChoices):
    MONTH = "month", _("月榜")
    YEAR = "year", _("年榜")


BOARD_LEVEL = {Board.GRIDS: GridLevel.GRID, Board.VILLAGES: GridLevel.COMMUNITY}


class NoRegion(Exception):
    """The viewer has neither a home grid nor a staff scope: nothing to rank within."""


@dataclass(frozen=True)
class RankRow:
    rank: int
    key: str
    label: str
    detail: str
    total: int
    is_me: bool = False


@dataclass(frozen=True)
class Ranking:
    board: str
    period: str
    start: datetime
    end: datetime
    region: Grid | None  # None: the whole site (superusers without a scope)
    rows: list[RankRow]
    me: RankRow | None

    @property
    def region_name(self) -> str:
        return self.region.name if self.region else str(_("全部区域"))


def period_bounds(period: str, at: date | None = None) -> tuple[datetime, datetime]:
    """[start, end) of the month or year holding ``at`` (today), in local time."""
    at = at or timezone.localdate()
    tz = timezone.get_current_timezone()
    if period == Period.YEAR:
        return datetime(at.year, 1, 1, tzinfo=tz), datetime(at.year + 1, 1, 1, tzinfo=tz)
    start = datetime(at.year, at.month, 1, tzinfo=tz)
    nxt = (at.year + 1, 1) if at.month == 12 else (at.year, at.month + 1)
    return start, datetime(*nxt, 1, tzinfo=tz)


def parse_at(value: str | None) -> date | None:
    """"2026-05" or "2026" from a query string; None when absent or malformed."""
    try:
        if value and len(value) == 7:
            return date(int(value[:4]), int(value[5:7]), 1)
        if value and len(value) == 4:
            return date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def viewer_region(user: Any) -> Grid | None:
    """Staff rank within their scope; residents within their town (街道/镇).

    None means the whole site (superusers without a scope); NoRegion when the
    viewer has no grid at all.
    """
    if user.scope_grid_id:
        return user.scope_grid
    if user.is_superuser:
        return None
    home = user.home_grid
    if home is None:
        raise NoRegion
    town = Grid.objects.filter(path__in=home.chain_paths(), level=GridLevel.TOWN).first()
    return town or home


def ranking(board: str, period: str, *, viewer: Any, at: date | None = None) -> Ranking:
    """The top ``TOP`` of ``board`` in the viewer's region, and the viewer's own row."""
    region = viewer_region(viewer)
    start, end = period_bounds(period, at)
    base = PointEntry.objects.filter(created_at__gte=start, created_at__lt=end)
    if region is not None:
        base = base.filter(grid_path__startswith=region.path)
    length = _unit_length(board, region)
    grouped = _grouped(board, base, length)
    ranked = grouped.filter(total__gt=0).order_by("-total", "unit")
    rows = _ranked_rows(board, list(ranked[:TOP]), _viewer_key(board, viewer, length))
    me = next((row for row in rows if row.is_me), None)
    if me is None:
        me = _own_row(board, viewer, base, grouped, length)
    return Ranking(board, period, start, end, region, rows, me)


# --- internals -------------------------------------------------------------------


def _unit_length(board: str, region: Grid | None) -> int:
    """Length of the ``grid_path`` prefix naming a grid or village (0 for other boards)."""
    level = BOARD_LEVEL.get(board)
    if level is None:
        return 0
    reference = region or Grid.get_first_root_node()
    if reference is None:
        return 0
    depth = reference.depth + LEVEL_ORDER.index(level) - LEVEL_ORDER.index(reference.level)
    return max(depth, 1) * Grid.steplen


def _grouped(board: str, base: QuerySet, length: int) -> QuerySet:
    """One row per ranked unit: ``unit``, ``label``, ``detail`` and ``total``."""
    total = Sum("credit_delta")
    if board == Board.RESIDENTS:
        return base.values(unit=F("user_id"), label=F("user__name")).annotate(total=total)
    if board == Board.HOUSEHOLDS:
        return base.filter(household__isnull=False).values(
            unit=F("household_id"), label=F("household__number"),
            detail=F("household__grid__name"),
        ).annotate(total=total)
    name = Grid.objects.filter(path=OuterRef("unit")).values("name")[:1]
    return (
        base.annotate(path_length=Length("grid_path"))
        .filter(path_length__gte=length)
        .values(unit=Substr("grid_path", 1, length))
        .annotate(total=total, label=Subquery(name))
    )


def _viewer_key(board: str, viewer: Any, length: int) -> str | None:
    if board == Board.RESIDENTS:
        return str(viewer.pk)
    if board == Board.HOUSEHOLDS:
        return str(viewer.household_id) if viewer.household_id else None
    home = viewer.home_grid
    if home is None or len(home.path) < length:
        return None
    return home.path[:length]


def _label(board: str, label: str | None) -> str:
    return mask_name(label or "") if board == Board.RESIDENTS else (label or "")


def _ranked_rows(board: str, raw: list[dict], my_key: str | None) -> list[RankRow]:
    """Competition ranking (1, 2, 2, 4): equal totals share a rank."""
    rows: list[RankRow] = []
    for index, item in enumerate(raw):
        rank = rows[-1].rank if rows and rows[-1].total == item["total"] else index + 1
        key = str(item["unit"])
        rows.append(RankRow(rank, key, _label(board, item.get("label")),
                            item.get("detail") or "", item["total"], key == my_key))
    return rows


def _own_row(board: str, viewer: Any, base: QuerySet, grouped: QuerySet, length: int
             ) -> RankRow | None:
    """The viewer's unit outside the top: its total, and how many units are ahead."""
    key = _viewer_key(board, viewer, length)
    if key is None:
        return None
    if board == Board.RESIDENTS:
        mine = base.filter(user_id=viewer.pk)
    elif board == Board.HOUSEHOLDS:
        mine = base.filter(household_id=viewer.household_id)
    else:
        mine = base.filter(grid_path__startswith=key)
    total = mine.aggregate(total=Sum("credit_delta"))["total"] or 0
    if total <= 0:
        return None
    if board == Board.RESIDENTS:
        label = viewer.name
    elif board == Board.HOUSEHOLDS:
        label = viewer.household.number
    else:
        label = Grid.objects.filter(path=key).values_list("name", flat=True).first() or ""
    ahead = grouped.filter(total__gt=total).count()
    return RankRow(ahead + 1, key, _label(board, label), "", total, True)
