"""Working days: package years, administrator years, missing years, deadlines."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from core.workcalendar.models import HolidayYear, SpecialDay
from core.workcalendar.services import (
    CalendarMissing,
    add_working_days,
    copy_from_package,
    is_working_day,
    missing_years,
    working_days_between,
    year_source,
)

TZ = ZoneInfo("Asia/Shanghai")


def at(y: int, m: int, d: int, hh: int = 10) -> datetime:
    return datetime(y, m, d, hh, 0, tzinfo=TZ)


@pytest.mark.django_db
class TestPackageYears:
    def test_national_day_is_a_rest_day(self):
        assert not is_working_day(date(2026, 10, 1))
        assert not is_working_day(date(2026, 10, 7))
        assert is_working_day(date(2026, 10, 8))

    def test_makeup_saturday_is_a_working_day(self):
        assert date(2026, 10, 10).weekday() == 5
        assert is_working_day(date(2026, 10, 10))
        assert is_working_day(date(2026, 9, 20))  # a Sunday worked for 国庆

    def test_ordinary_weekend_and_weekday(self):
        assert not is_working_day(date(2026, 11, 28))  # Saturday
        assert not is_working_day(date(2026, 11, 29))  # Sunday
        assert is_working_day(date(2026, 11, 30))  # Monday

    def test_datetime_is_judged_on_its_shanghai_date(self):
        # 2026-09-30 17:00 UTC is already 10-01 01:00 in Shanghai: 国庆.
        assert not is_working_day(datetime(2026, 9, 30, 17, 0, tzinfo=ZoneInfo("UTC")))


@pytest.mark.django_db
class TestAddWorkingDays:
    def test_across_national_day_and_its_makeup_day(self):
        start = at(2026, 9, 30, 15)  # Wednesday before 国庆
        assert add_working_days(start, 1) == datetime(2026, 10, 8, 23, 59, 59, tzinfo=TZ)
        assert add_working_days(start, 2) == datetime(2026, 10, 9, 23, 59, 59, tzinfo=TZ)
        # 10-10 is a Saturday worked in exchange: it counts.
        assert add_working_days(start, 3) == datetime(2026, 10, 10, 23, 59, 59, tzinfo=TZ)
        assert add_working_days(start, 4) == datetime(2026, 10, 12, 23, 59, 59, tzinfo=TZ)

    def test_start_on_a_rest_day_counts_from_the_next_working_day(self):
        assert add_working_days(at(2026, 10, 1), 0) == datetime(2026, 10, 8, 23, 59, 59, tzinfo=TZ)
        assert add_working_days(at(2026, 10, 3), 1) == datetime(2026, 10, 9, 23, 59, 59, tzinfo=TZ)

    def test_weekend_skipped(self):
        assert add_working_days(at(2026, 11, 27), 1) == datetime(2026, 11, 30, 23, 59, 59,
                                                                  tzinfo=TZ)

    def test_result_is_aware_and_naive_start_refused(self):
        assert add_working_days(at(2026, 11, 30), 5).tzinfo is not None
        with pytest.raises(ValueError):
            add_working_days(datetime(2026, 11, 30, 10), 1)
        with pytest.raises(ValueError):
            add_working_days(at(2026, 11, 30), -1)

    def test_between_is_the_inverse_on_a_working_day(self):
        start = at(2026, 9, 30)
        for n in range(0, 12):
            assert working_days_between(start, add_working_days(start, n)) == n
        assert working_days_between(date(2026, 10, 12), date(2026, 9, 30)) == -4


@pytest.mark.django_db
class TestYearsAndSources:
    def test_missing_year_raises_with_a_chinese_message(self):
        with pytest.raises(CalendarMissing) as caught:
            is_working_day(date(2028, 3, 1))
        assert caught.value.year == 2028
        assert "2028 年的法定节假日安排尚未录入" in caught.value.messages[0]

    def test_a_deadline_running_into_a_missing_year_raises(self):
        with pytest.raises(CalendarMissing) as caught:
            add_working_days(at(2026, 12, 24), 10)
        assert caught.value.year == 2027

    def test_missing_years(self, year_2027):
        assert missing_years([2025, 2026, 2027, 2028, 2028]) == [2028]
        assert year_source(2026) == "package"
        assert year_source(2027) == "admin"

    def test_admin_entered_year_is_used(self, year_2027):
        assert not is_working_day(date(2027, 2, 8))  # Monday of 春节
        assert is_working_day(date(2027, 2, 20))  # Saturday 调休
        assert is_working_day(date(2027, 3, 1))
        # Friday 2027-02-05 + 1 → Monday 02-15 (02-06…02-13 off, 02-14 Sunday).
        assert add_working_days(at(2027, 2, 5), 1) == datetime(2027, 2, 15, 23, 59, 59, tzinfo=TZ)
        # and a deadline across the year end is now computable
        assert add_working_days(at(2026, 12, 31), 1) == datetime(2027, 1, 4, 23, 59, 59, tzinfo=TZ)

    def test_a_draft_year_is_not_used(self, year_2027):
        year_2027.complete = False
        year_2027.save()
        with pytest.raises(CalendarMissing):
            is_working_day(date(2027, 3, 1))

    def test_admin_year_overrides_the_package_and_edits_apply_at_once(self):
        assert not is_working_day(date(2026, 10, 7))
        holiday_year = copy_from_package(2026)
        assert year_source(2026) == "package"  # a draft until marked complete
        holiday_year.complete = True
        holiday_year.save()
        assert year_source(2026) == "admin"
        assert not is_working_day(date(2026, 10, 7))
        # Correct 10-07 into a working day: the computation follows on the next call.
        SpecialDay.objects.filter(date=date(2026, 10, 7)).delete()
        assert is_working_day(date(2026, 10, 7))

    def test_copy_refuses_unknown_and_existing_years(self, year_2027):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            copy_from_package(2027)
        copy_from_package(2025)
        with pytest.raises(ValidationError):
            copy_from_package(2025)
        assert HolidayYear.objects.filter(year=2025).count() == 1

    def test_snapshot_costs_at_most_one_query_per_call_when_unchanged(
            self, year_2027, django_assert_max_num_queries):
        is_working_day(date(2027, 3, 1))  # loads the snapshot
        # A 20-day walk reads only the version stamp (none with a shared cache).
        with django_assert_max_num_queries(1):
            add_working_days(at(2027, 1, 4), 20)
