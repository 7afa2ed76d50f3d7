"""Reminders shortly before an appointment, sent by ``manage.py psych_send_reminders``.

Run it every few minutes (cron or a timer). Each appointment is claimed with a
conditional update before anything is sent, so two overlapping runs never send
the same reminder twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.notifications.services import notify

from .models import Appointment, AppointmentStatus
from .services import SOURCE, slot_time_label

REMIND_AHEAD = timedelta(hours=24)


def send_due_reminders(now: datetime | None = None, ahead: timedelta = REMIND_AHEAD) -> int:
    """Remind both parties of booked appointments starting within ``ahead``; return the count."""
    now = now or timezone.now()
    due = (Appointment.objects
           .filter(status=AppointmentStatus.BOOKED, reminded_at__isnull=True,
                   slot__starts_at__gt=now, slot__starts_at__lte=now + ahead)
           .select_related("slot__profile__user", "resident"))
    sent = 0
    for appointment in due:
        with transaction.atomic():
            claimed = Appointment.objects.filter(
                pk=appointment.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue
            slot = appointment.slot
            url = reverse("psych:appointment", args=[appointment.pk])
            # Only the time and the mode: never anything said in the sessions.
            text = _("%(when)s（%(mode)s），请准时参加。") % {
                "when": slot_time_label(slot), "mode": slot.get_mode_display()}
            notify(appointment.resident, _("心理咨询即将开始"), text, url=url, source=SOURCE)
            notify(slot.profile.user, _("心理咨询即将开始"), text, url=url, source=SOURCE)
            sent += 1
    return sent
