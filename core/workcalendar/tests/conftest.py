"""Calendar fixtures: a fresh per-process snapshot, and an administrator-entered 2027."""

from __future__ import annotations

from datetime import date

import pytest

from core.workcalendar import services
from core.workcalendar.models import DayKind, HolidayYear, SpecialDay


@pytest.fixture(autouse=True)
def _fresh_calendar():
    services.forget()
    yield
    services.forget()


# 2027's days as an administrator would type them from the (future) State Council
# notice; only the blocks the tests need, which is enough for a complete year.
DAYS_2027 = [
    (date(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
    (date(2027, 2, 6), DayKind.HOLIDAY, "春节"),
    (date(2027, 2, 7), DayKind.HOLIDAY, "春节"),
    (date(2027, 2, 8), DayKind.HOLIDAY, "春节"),
    (date(2027, 2, 9), DayKind.HOLIDAY, "春节"),
    (date(2027, 2, 10), DayKind.HOLIDAY, "春节"),
    (date(2027, 2, 11), DayKind.HOLIDAY, "春节"),
    (date(2027, 2, 12), DayKind.HOLIDAY, "春节"),
    (date(2027, 2, 13), DayKind.HOLIDAY, "春节"),
    (date(2027, 2, 20), DayKind.MAKEUP_WORKDAY, "春节"),
]


@pytest.fixture
def year_2027(db) -> HolidayYear:
    holiday_year = HolidayYear.objects.create(
        year=2027, complete=True, source="国务院办公厅关于2027年部分节假日安排的通知")
    for day, kind, name in DAYS_2027:
        SpecialDay.objects.create(holiday_year=holiday_year, date=day, kind=kind, name=name)
    return holiday_year
