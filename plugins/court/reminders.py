"""Reminders before a booking, sent by ``manage.py court_send_reminders``.

Run it every few minutes (cron or a timer). Each booking is claimed with a
conditional update before anything is sent, so two overlapping runs never send
the same reminder twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.notifications.services import notify

from .models import Booking, BookingStatus
from .services import SOURCE, slot_label

REMIND_AHEAD = timedelta(hours=24)


def send_due_reminders(now: datetime | None = None, ahead: timedelta = REMIND_AHEAD) -> int:
    """Remind resident (and the worker who booked) and judge; return how many bookings."""
    now = now or timezone.now()
    due = (Booking.objects
           .filter(status=BookingStatus.BOOKED, reminded_at__isnull=True,
                   slot__starts_at__gt=now, slot__starts_at__lte=now + ahead)
           .select_related("slot__judge__user", "resident", "booked_by"))
    sent = 0
    for booking in due:
        with transaction.atomic():
            if not Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(
                    reminded_at=now):
                continue
            slot = booking.slot
            text = _("%(when)s，%(judge)s法官，%(kind)s（%(where)s），请准时参加。") % {
                "when": slot_label(slot), "judge": slot.judge.name,
                "kind": slot.get_kind_display(), "where": slot.where}
            url = f"/court/bookings/{booking.pk}/"
            for party in {booking.resident, booking.booked_by, slot.judge.user} - {None}:
                notify(party, _("法官预约即将开始"), text, url=url, source=SOURCE)
            sent += 1
    return sent
