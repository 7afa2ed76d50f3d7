"""Booking, cancelling and reminders."""

from __future__ import annotations

import pytest

from core.notifications.models import Notification
from plugins.psych import services
from plugins.psych.models import Appointment, AppointmentStatus

pytestmark = pytest.mark.django_db


def test_resident_books_a_slot_and_both_are_notified(client, resident, counselor, make_slot,
                                                     psych_on):
    slot = make_slot()
    client.force_login(resident)
    assert "顾敏老师" in client.get("/psych/").content.decode()
    page = client.get(f"/psych/counselors/{counselor.psych_profile.pk}/").content.decode()
    assert f"/psych/slots/{slot.pk}/book/" in page
    response = client.post(f"/psych/slots/{slot.pk}/book/")
    appointment = Appointment.objects.get()
    assert response["Location"] == f"/psych/appointments/{appointment.pk}/"
    assert Notification.objects.filter(recipient=resident, title="心理咨询预约成功").exists()
    assert Notification.objects.filter(recipient=counselor, title="新的心理咨询预约").exists()
    page = client.get(f"/psych/counselors/{counselor.psych_profile.pk}/").content.decode()
    assert f"/psych/slots/{slot.pk}/book/" not in page


def test_a_booked_slot_cannot_be_booked_again(make_user, grid_tree, appointment):
    other = make_user("resident", grid=grid_tree["micro"])
    with pytest.raises(services.PsychError, match="已被预约"):
        services.book(appointment.slot_id, other)


def test_cancel_frees_the_slot(client, resident, appointment, make_user, grid_tree, psych_on):
    client.force_login(resident)
    client.post(f"/psych/appointments/{appointment.pk}/cancel/")
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    assert Notification.objects.filter(recipient=appointment.counselor,
                                       title="心理咨询预约已取消").exists()
    again = services.book(appointment.slot_id, make_user("resident", grid=grid_tree["micro"]))
    assert again.status == AppointmentStatus.BOOKED
    with pytest.raises(services.PsychError, match="已取消"):
        services.cancel(appointment.pk, resident)


def test_past_slots_and_own_slots_are_refused(resident, counselor, make_slot):
    with pytest.raises(services.PsychError, match="已过"):
        services.book(make_slot(days=-1).pk, resident)
    with pytest.raises(services.PsychError, match="自己"):
        services.book(make_slot().pk, counselor)


def test_inactive_counselor_takes_no_bookings(resident, counselor, make_slot):
    slot = make_slot()
    counselor.psych_profile.active = False
    counselor.psych_profile.save()
    assert services.earliest_free_slot() is None
    with pytest.raises(services.PsychError, match="暂停"):
        services.book(slot.pk, resident)
