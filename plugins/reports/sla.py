"""SLA deadlines in working days, through the core working-day calendar.

The calendar knows China's official holidays and make-up working days only for
years that chinese-calendar ships or an administrator has entered. For any other
year it raises ``CalendarMissing``: the report is then saved with no deadline
(never a guessed one), administrators are told (``health_checks`` and the queue),
and ``reports_sweep_sla`` fills the deadline once the year's days are entered.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from .models import Report, SlaPolicy

logger = logging.getLogger(__name__)


def _calendar():
    """The working-day calendar service, or None where the module is not installed.

    Without it no deadline can be computed; that is reported like a missing year
    (no deadline, flagged to administrators), never replaced by a guess.
    """
    try:
        from core.workcalendar import services
    except ImportError:
        logger.error("core.workcalendar is not installed: report deadlines are not computed")
        return None
    return services


def working_days_for(report: Report) -> int | None:
    """The stage time limit for the report's category and colour (category rule first)."""
    policies = SlaPolicy.objects.filter(
        Q(category_id=report.category_id) | Q(category__isnull=True), urgency=report.urgency,
    )
    best = None  # the "all categories" default, used when no category policy exists
    for policy in policies:
        if policy.category_id == report.category_id:
            return policy.working_days
        best = policy.working_days
    return best


def deadline(report: Report, start: datetime | None = None) -> tuple[datetime | None, int | None]:
    """(due_at, missing_year): the deadline of a stage starting at ``start``.

    ``missing_year`` is the year the calendar lacks (then ``due_at`` is None).
    No SLA policy at all also gives no deadline (and no missing year).
    """
    days = working_days_for(report)
    if days is None:
        return None, None
    start = start or timezone.now()
    calendar = _calendar()
    if calendar is None:
        return None, timezone.localtime(start).year
    try:
        return calendar.add_working_days(start, days), None
    except calendar.CalendarMissing as exc:
        logger.warning("report %s: no working-day calendar for %s", report.pk, exc.year)
        return None, exc.year


def missing_calendar_years(now: datetime | None = None) -> list[int]:
    """Years the calendar lacks for deadlines starting now (this year, and next near its end)."""
    now = now or timezone.now()
    calendar = _calendar()
    if calendar is None:
        return [timezone.localtime(now).year]
    missing: list[int] = []
    for days in (1, 30):  # a 30-working-day stage started in December runs into next year
        try:
            calendar.add_working_days(now, days)
        except calendar.CalendarMissing as exc:
            if exc.year not in missing:
                missing.append(exc.year)
    return missing
