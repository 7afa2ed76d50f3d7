"""Working days under China's official holiday calendar (放假 and 调休上班).

Where each year's data comes from, in order:

1. a ``HolidayYear`` an administrator marked complete (it overrides the package);
2. the ``chinesecalendar`` package, for the years it was released with;
3. nothing: any computation touching that year raises :class:`CalendarMissing`.
   A year is never guessed from weekends alone, because a wrong deadline over
   春节 is worse than a visible error an administrator can fix in minutes.

Each process keeps an immutable snapshot of the administrator-entered years and
reloads it only when the calendar's version stamp moved (the plugin host's
pattern: a database row changed in the same transaction as the edit, published to
the shared cache after commit), so every gunicorn worker sees an edit on its next
computation. Without a shared cache (dev, tests) the stamp costs one tiny query.

Dates are local dates in Asia/Shanghai; datetimes must be aware.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import stamps

from .models import CalendarVersion, DayKind, HolidayYear, SpecialDay

TZ = ZoneInfo("Asia/Shanghai")
VERSION_CACHE_KEY = "workcalendar:version"
# A deadline is the last moment of its working day, local time.
END_OF_DAY = time(23, 59, 59)
# Guards the day-by-day walk: no SLA in this platform is longer than a few months.
MAX_DAYS = 3660

PACKAGE_YEARS: frozenset[int] = frozenset(
    {d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays})


class CalendarMissing(ValidationError):
    """A computation needs a year with no holiday data; ``.year`` says which."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            _("%(year)s 年的法定节假日安排尚未录入，无法计算工作日。请管理员在“设置 > 节假日安排”中录入。")
            % {"year": year}, code="calendar_missing")


@dataclass(frozen=True)
class YearDays:
    """One year's exceptions to the Monday–Friday rule."""

    holidays: frozenset[date]
    workdays: frozenset[date]  # make-up working days (调休上班)
    source: str  # "admin" or "package"


@dataclass(frozen=True)
class _Snapshot:
    version: int
    admin_years: dict[int, YearDays]


_snapshot: _Snapshot | None = None
_lock = threading.Lock()


def _package_year(year: int) -> YearDays:
    return YearDays(
        holidays=frozenset(d for d in chinese_calendar.holidays if d.year == year),
        workdays=frozenset(d for d in chinese_calendar.workdays if d.year == year),
        source="package")


_PACKAGE: dict[int, YearDays] = {year: _package_year(year) for year in PACKAGE_YEARS}


# -- version stamp -----------------------------------------------------------------------

def bump_version() -> int:
    """A new calendar stamp, published when the caller's transaction commits."""
    return stamps.bump(CalendarVersion, VERSION_CACHE_KEY)


def _current_version() -> int:
    return stamps.current(CalendarVersion, VERSION_CACHE_KEY)


def _load() -> _Snapshot:
    with transaction.atomic():  # the stamp and the rows from one consistent read
        version = CalendarVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0
        years: dict[int, tuple[set[date], set[date]]] = {}
        for year in HolidayYear.objects.filter(complete=True).values_list("year", flat=True):
            years[year] = (set(), set())
        rows = SpecialDay.objects.filter(
            holiday_year__complete=True).values_list("holiday_year__year", "date", "kind")
        for year, day, kind in rows:
            (years[year][0] if kind == DayKind.HOLIDAY else years[year][1]).add(day)
    return _Snapshot(version, {
        year: YearDays(frozenset(h), frozenset(w), "admin") for year, (h, w) in years.items()})


def _admin_years() -> dict[int, YearDays]:
    global _snapshot
    version = _current_version()
    snapshot = _snapshot
    if snapshot is not None and snapshot.version == version:
        return snapshot.admin_years
    with _lock:
        if _snapshot is None or _snapshot.version != version:
            _snapshot = _load()
        return _snapshot.admin_years


def forget() -> None:
    """Drop this process's snapshot (tests; the next computation reloads it)."""
    global _snapshot
    _snapshot = None


# -- public API ------------------------------------------------------------------------

def year_days(year: int) -> YearDays:
    """The holidays and make-up working days of ``year``; CalendarMissing if unknown."""
    return _year_days(year, _admin_years())


def _year_days(year: int, admin_years: dict[int, YearDays]) -> YearDays:
    found = admin_years.get(year) or _PACKAGE.get(year)
    if found is None:
        raise CalendarMissing(year)
    return found


def year_source(year: int) -> str | None:
    """Where ``year``'s data comes from: "admin", "package" or None (missing)."""
    try:
        return year_days(year).source
    except CalendarMissing:
        return None


def missing_years(years: Iterable[int]) -> list[int]:
    """The years among ``years`` that have no data, sorted (empty when all are known)."""
    admin_years = _admin_years()
    return sorted({year for year in years
                   if year not in admin_years and year not in _PACKAGE})


def _working(d: date, admin_years: dict[int, YearDays]) -> bool:
    days = _year_days(d.year, admin_years)
    if d in days.workdays:
        return True
    if d in days.holidays:
        return False
    return d.weekday() < 5


def is_working_day(d: date) -> bool:
    """True on a working day: a weekday that is no holiday, or a make-up working day.

    An aware datetime is judged on its Asia/Shanghai date.
    """
    if isinstance(d, datetime):
        d = _local_date(d)
    return _working(d, _admin_years())


def next_working_day(d: date) -> date:
    """``d`` itself when it is a working day, else the first working day after it."""
    return _next_working(d, _admin_years())


def _next_working(d: date, admin_years: dict[int, YearDays]) -> date:
    for _step in range(MAX_DAYS):
        if _working(d, admin_years):
            return d
        d += timedelta(days=1)
    raise ValueError("no working day within MAX_DAYS")  # unreachable with real data


def add_working_days(start: datetime, days: int) -> datetime:
    """The deadline ``days`` working days after ``start``: the end (23:59:59) of that day.

    The rule of 期间 in Chinese procedure: the day of ``start`` itself is not
    counted; a ``start`` on a rest day counts as received on the next working day.
    So with ``B`` = the local date of ``start`` if it is a working day, else the
    next working day, the deadline is 23:59:59 Asia/Shanghai on the ``days``-th
    working day after ``B`` (``days=0``: the end of ``B``). Examples for 2026:
    Thursday 09-24 + 1 → Monday 09-28 (中秋 09-25…09-27 off); Wednesday 09-30
    + 1 → Thursday 10-08 (国庆 10-01…10-07 off), + 3 → Saturday 10-10 (调休上班);
    Thursday 10-01 (a holiday) + 0 → Thursday 10-08.
    """
    if start.tzinfo is None:
        raise ValueError("add_working_days needs an aware datetime")
    if days < 0 or days > MAX_DAYS:
        raise ValueError("days must be between 0 and MAX_DAYS")
    admin_years = _admin_years()  # one snapshot for the whole walk
    day = _next_working(_local_date(start), admin_years)
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if _working(day, admin_years):
            counted += 1
    return datetime.combine(day, END_OF_DAY, tzinfo=TZ)


def working_days_between(a: date | datetime, b: date | datetime) -> int:
    """How many working days fall in the local dates (a, b]; negative when b is before a.

    ``a``'s own day is not counted, ``b``'s is: the number of working days a case
    has run from ``a`` until ``b``, so for a ``start`` on a working day
    ``working_days_between(start, add_working_days(start, n)) == n``.
    """
    first, last = _as_date(a), _as_date(b)
    sign = 1
    if last < first:
        first, last, sign = last, first, -1
    if (last - first).days > MAX_DAYS:
        raise ValueError("range longer than MAX_DAYS")
    admin_years = _admin_years()
    count = 0
    day = first
    while day < last:
        day += timedelta(days=1)
        count += _working(day, admin_years)
    return sign * count


def package_special_days(year: int) -> list[tuple[date, str, str]]:
    """The package's (date, kind, Chinese name) rows for ``year`` (empty if it lacks it)."""
    rows: list[tuple[date, str, str]] = []
    for table, kind in ((chinese_calendar.holidays, DayKind.HOLIDAY),
                        (chinese_calendar.workdays, DayKind.MAKEUP_WORKDAY)):
        for day, english in table.items():
            if day.year == year:
                rows.append((day, kind, _holiday_name(english)))
    return sorted(rows)


def copy_from_package(year: int, *, user=None) -> HolidayYear:
    """Copy the package's days for ``year`` into an editable draft ``HolidayYear``.

    The draft is not complete, so calculations keep using the package until an
    administrator reviews it and ticks 已录入完整. Refuses years the package lacks or
    that already have rows (a ValidationError with a Chinese message).
    """
    rows = package_special_days(year)
    if not rows:
        raise ValidationError(_("内置日历没有 %(year)s 年的数据。") % {"year": year})
    with transaction.atomic():
        if HolidayYear.objects.select_for_update().filter(year=year).exists():
            raise ValidationError(_("%(year)s 年已有录入记录。") % {"year": year})
        holiday_year = HolidayYear.objects.create(
            year=year, complete=False, entered_by=user,
            source=_("复制自内置日历（chinesecalendar %(v)s）") % {
                "v": getattr(chinese_calendar, "__version__", "")})
        SpecialDay.objects.bulk_create(
            SpecialDay(holiday_year=holiday_year, date=day, kind=kind, name=name)
            for day, kind, name in rows)
        bump_version()  # bulk_create sends no signals
    return holiday_year


def _holiday_name(english: str) -> str:
    try:
        return chinese_calendar.Holiday(english).chinese
    except ValueError:
        return ""


def _local_date(moment: datetime) -> date:
    if moment.tzinfo is None:
        raise ValueError("aware datetimes only")
    return moment.astimezone(TZ).date()


def _as_date(value: date | datetime) -> date:
    return _local_date(value) if isinstance(value, datetime) else value
