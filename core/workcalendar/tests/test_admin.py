"""节假日安排 admin: add a year with its days through the Wagtail views, validation,
the package copy, the home-page warning, permissions, and the check command."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core.workcalendar.models import HolidayYear, SpecialDay
from core.workcalendar.services import CalendarMissing, is_working_day


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def year_post(year: int, days: list[tuple[str, str, str]], complete: bool = True) -> dict:
    data = {"year": str(year), "source": "国办发明电〔2026〕7号",
            "days-TOTAL_FORMS": str(len(days)), "days-INITIAL_FORMS": "0",
            "days-MIN_NUM_FORMS": "0", "days-MAX_NUM_FORMS": "1000"}
    if complete:
        data["complete"] = "on"
    for i, (day, kind, name) in enumerate(days):
        data.update({f"days-{i}-date": day, f"days-{i}-kind": kind, f"days-{i}-name": name,
                     f"days-{i}-id": "", f"days-{i}-ORDER": str(i)})
    return data


def test_add_a_year_and_it_is_used_at_once(admin_client, admin_user):
    with pytest.raises(CalendarMissing):
        is_working_day(date(2027, 2, 8))
    response = admin_client.post(reverse("workcalendar_years:add"), year_post(2027, [
        ("2027-02-08", "holiday", "春节"), ("2027-02-09", "holiday", "春节"),
        ("2027-02-20", "makeup_workday", "春节")]))
    assert response.status_code == 302, response.content.decode()[-3000:]
    holiday_year = HolidayYear.objects.get(year=2027)
    assert holiday_year.entered_by == admin_user
    assert holiday_year.days.count() == 3
    assert not is_working_day(date(2027, 2, 8))
    assert is_working_day(date(2027, 2, 20))
    assert ModelLogEntry.objects.filter(action="wagtail.create",
                                        content_type__app_label="workcalendar").exists()
    page = admin_client.get(reverse("workcalendar_years:index")).content.decode()
    assert "2027" in page and "以本记录为准" in page


@pytest.mark.parametrize("days, message", [
    ([("2028-02-08", "holiday", "春节")], "不属于 2027 年"),
    ([("2027-02-08", "makeup_workday", "春节")], "不是周末"),
    ([("2027-02-08", "holiday", "春节"), ("2027-02-08", "holiday", "春节")], "重复"),
    ([("2027-02-20", "makeup_workday", "春节")], "至少录入一个放假日期"),
])
def test_bad_days_are_refused_and_nothing_is_saved(admin_client, days, message):
    response = admin_client.post(reverse("workcalendar_years:add"), year_post(2027, days))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not HolidayYear.objects.exists() and not SpecialDay.objects.exists()


def test_copy_from_package_creates_an_editable_draft(admin_client):
    response = admin_client.post(reverse("workcalendar_years:copy"), {"year": "2026"})
    holiday_year = HolidayYear.objects.get(year=2026)
    assert response.status_code == 302
    assert response["Location"] == reverse("workcalendar_years:edit", args=[holiday_year.pk])
    assert not holiday_year.complete
    assert holiday_year.days.get(date=date(2026, 10, 10)).kind == "makeup_workday"
    assert holiday_year.days.get(date=date(2026, 10, 1)).name == "国庆节"
    assert ModelLogEntry.objects.filter(action="workcalendar.copied").exists()
    assert admin_client.get(reverse("workcalendar_years:edit", args=[holiday_year.pk])
                            ).status_code == 200


def test_home_panel_warns_about_the_missing_next_year(admin_client, settings, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 11, 29))
    page = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "2027 年的法定节假日安排尚未录入" in page
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 5, 1))
    page = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "尚未录入" not in page


def test_staff_without_the_permission_are_refused(client, make_user, grid_tree):
    cadre = make_user("cadre", grid=grid_tree["micro"], scope=grid_tree["dongzha"])
    client.force_login(cadre)
    assert client.get(reverse("workcalendar_years:index")).status_code in (302, 403)
    assert client.get(reverse("workcalendar_years:copy")).status_code in (302, 403)


@pytest.mark.django_db
def test_check_command_exit_codes(capsys):
    with pytest.raises(SystemExit) as caught:
        call_command("workcalendar", "check", "--year", "2026", "--year", "2027")
    assert caught.value.code == 1
    assert "2027" in capsys.readouterr().err
    call_command("workcalendar", "check", "--year", "2026")  # no exit: all present
    assert "2026: 内置日历" in capsys.readouterr().out
    call_command("workcalendar", "copy", "--year", "2025")
    assert HolidayYear.objects.filter(year=2025, complete=False).exists()
