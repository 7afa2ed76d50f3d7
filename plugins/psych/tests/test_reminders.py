"""Day-before reminders: both parties, once, never with session content."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.notifications.models import Notification
from plugins.psych.models import Appointment, AppointmentStatus
from plugins.psych.reminders import send_due_reminders

pytestmark = pytest.mark.django_db


def test_reminds_both_parties_once(make_slot, resident, counselor, psych_on):
    soon = Appointment.objects.create(slot=make_slot(days=0.5), resident=resident)
    Appointment.objects.create(slot=make_slot(days=3), resident=resident)  # not due yet
    assert send_due_reminders() == 1
    reminders = Notification.objects.filter(title="心理咨询即将开始")
    assert {n.recipient_id for n in reminders} == {resident.pk, counselor.pk}
    assert send_due_reminders() == 0  # a second run sends nothing again
    soon.refresh_from_db()
    assert soon.reminded_at is not None


def test_cancelled_and_past_appointments_are_not_reminded(make_slot, resident, psych_on):
    Appointment.objects.create(slot=make_slot(days=0.5), resident=resident,
                               status=AppointmentStatus.CANCELLED,
                               cancelled_at=timezone.now())
    Appointment.objects.create(slot=make_slot(days=-0.1), resident=resident)
    assert send_due_reminders() == 0


def test_command_reports_the_count(make_slot, resident, psych_on, capsys):
    Appointment.objects.create(slot=make_slot(days=0.2), resident=resident)
    call_command("psych_send_reminders")
    assert "1 appointment reminders sent" in capsys.readouterr().out
    assert send_due_reminders(now=timezone.now() + timedelta(minutes=1)) == 0
