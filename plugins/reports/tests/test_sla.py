"""SLA deadlines in working days (holidays, make-up days, a missing year) and the sweep."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.notifications.models import Notification
from plugins.reports import hooks, sla, workflow
from plugins.reports.models import Report, SlaPolicy
from plugins.reports.sweep import sweep

S = Report.Status
pytestmark = pytest.mark.usefixtures("reports_on")


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def test_defaults_are_seeded_and_a_category_policy_wins(make_report, report_categories):
    assert dict(SlaPolicy.objects.filter(category=None).values_list("urgency", "working_days")) \
        == {"red": 1, "yellow": 3, "green": 5}
    report = make_report(category="environment")  # green by default
    assert sla.working_days_for(report) == 5
    SlaPolicy.objects.create(category=report_categories["environment"], urgency="green",
                             working_days=2)
    assert sla.working_days_for(report) == 2


def test_deadline_skips_the_national_day_holiday_and_counts_the_make_up_saturday(make_report):
    report = make_report(category="environment")  # green: 5 working days
    # 2025-09-30 (Tue) + 5 working days: 10-01..10-08 are holidays, 10-11 (Sat) is a
    # make-up working day → 10-09, 10-10, 10-11, 10-13, 10-14.
    due, missing = sla.deadline(report, local(2025, 9, 30, 10, 0))
    assert missing is None
    assert timezone.localtime(due).date().isoformat() == "2025-10-14"


def test_a_make_up_sunday_is_a_working_day(make_report):
    report = make_report(category="hazard")  # red: 1 working day
    # Friday 2025-09-26 + 1: Sunday 09-28 is a make-up working day before National Day.
    due, _missing = sla.deadline(report, local(2025, 9, 26, 16, 0))
    assert timezone.localtime(due).date().isoformat() == "2025-09-28"


def test_missing_calendar_year_saves_without_deadline_and_is_flagged(make_report, monkeypatch):
    calendar = sla._calendar()

    def missing(start, days):
        raise calendar.CalendarMissing(2031)

    monkeypatch.setattr(calendar, "add_working_days", missing)
    report = make_report()
    assert report.pk and report.due_at is None
    assert report.transitions.get().details == {"calendar_missing": 2031}
    problems = hooks.health_checks()
    assert any("2031" in problem for problem in problems)
    assert any("尚无办理期限" in problem for problem in problems)
    # The sweep cannot fill it yet ...
    assert sweep().still_missing == 1
    monkeypatch.undo()
    # ... and fills it once the year's days are known.
    result = sweep()
    report.refresh_from_db()
    assert result.deadlines_filled == 1 and report.due_at is not None
    assert not [p for p in hooks.health_checks() if "尚无办理期限" in p]


def test_sweep_fills_the_deadline_once_an_administrator_enters_the_year(make_report):
    from core.workcalendar.models import HolidayYear

    report = make_report(category="hazard")  # red: 1 working day
    # A stage that started in 2031, a year no package knows.
    Report.objects.filter(pk=report.pk).update(due_at=None)
    report.transitions.update(created_at=local(2031, 3, 7, 9, 30))  # a Friday
    assert sweep().still_missing == 1
    report.refresh_from_db()
    assert report.due_at is None
    HolidayYear.objects.create(year=2031, complete=True, source="国办发明电〔2030〕测试号")
    assert sweep().deadlines_filled == 1
    report.refresh_from_db()
    assert timezone.localtime(report.due_at).date().isoformat() == "2031-03-10"


def test_each_stage_restarts_the_clock(make_report, staff):
    report = make_report()
    workflow.transition(report, S.GRID_ACCEPTED, actor=staff["worker"], note="受理")
    Report.objects.filter(pk=report.pk).update(due_at=timezone.now() - timedelta(days=1),
                                               is_overdue=True, is_supervised=True)
    report.refresh_from_db()
    workflow.transition(report, S.SELF_GOV, actor=staff["worker"], note="转议事会")
    assert report.due_at > timezone.now()
    assert not report.is_overdue and not report.is_supervised


def test_sweep_marks_overdue_and_puts_it_under_supervision_one_level_up(
        make_report, staff, grid_tree):
    report = make_report()
    workflow.transition(report, S.GRID_ACCEPTED, actor=staff["worker"], note="受理")
    on_time = make_report()
    Report.objects.filter(pk=report.pk).update(due_at=timezone.now() - timedelta(hours=1))
    Notification.objects.all().delete()

    out = StringIO()
    call_command("reports_sweep_sla", stdout=out)
    assert "marked_overdue=1" in out.getvalue()
    report.refresh_from_db()
    on_time.refresh_from_db()
    assert report.is_overdue and report.is_supervised
    assert report.supervising_grid == grid_tree["dongzha"]  # the grid's parent community
    assert not on_time.is_overdue
    step = report.transitions.last()
    assert step.details["action"] == "supervise" and step.actor is None
    assert Notification.objects.filter(recipient=staff["cadre"], title="超期报事督办").count() == 1
    assert not Notification.objects.filter(recipient=staff["worker"], title="超期报事督办").exists()

    # Idempotent: a second run changes nothing and notifies nobody again.
    again = sweep()
    assert again.marked_overdue == 0
    assert report.transitions.filter(details__action="supervise").count() == 1
    assert Notification.objects.filter(title="超期报事督办").count() == 1


def test_sweep_ignores_finished_reports(make_report, staff):
    report = make_report()
    workflow.transition(report, S.REJECTED, actor=staff["worker"], note="非本辖区事项")
    Report.objects.filter(pk=report.pk).update(due_at=timezone.now() - timedelta(days=3))
    assert sweep().marked_overdue == 0
