"""The counselor's own profile, weekly hours and published slots."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from plugins.psych import services
from plugins.psych.models import CounselorProfile, Slot, WeeklyAvailability

pytestmark = pytest.mark.django_db


def test_new_counselor_sets_up_profile_hours_and_slots(client, make_user, grid_tree, psych_on):
    user = make_user("counselor", grid=grid_tree["micro"], name="陆倩")
    client.force_login(user)
    assert client.get("/psych/desk/")["Location"] == "/psych/desk/profile/"
    client.post("/psych/desk/profile/", {"display_name": "陆倩老师", "intro": "二级咨询师",
                                         "specialties": "焦虑，睡眠", "online": "on", "active": "on"})
    profile = CounselorProfile.objects.get(user=user)
    assert profile.specialty_list == ["焦虑", "睡眠"]
    for weekday in (0, 3):
        client.post("/psych/desk/hours/", {"weekday": weekday, "start": "19:00", "minutes": 50,
                                           "mode": "online"})
    dup = client.post("/psych/desk/hours/", {"weekday": 0, "start": "19:00", "minutes": 50,
                                             "mode": "online"})
    assert "已经设置过" in dup.content.decode()
    assert WeeklyAvailability.objects.filter(profile=profile).count() == 2
    client.post("/psych/desk/publish/")
    slots = Slot.objects.filter(profile=profile)
    assert 2 <= slots.count() <= 4 and all(s.starts_at > timezone.now() for s in slots)
    client.post("/psych/desk/publish/")
    assert Slot.objects.filter(profile=profile).count() == slots.count()  # idempotent
    first = slots.first()
    client.post(f"/psych/desk/slots/{first.pk}/delete/")
    assert not Slot.objects.filter(pk=first.pk).exists()


def test_booked_slots_and_other_counselors_slots_are_not_withdrawn(client, counselor, other_counselor,
                                                                   appointment, make_slot, psych_on):
    client.force_login(counselor)
    client.post(f"/psych/desk/slots/{appointment.slot_id}/delete/")
    assert Slot.objects.filter(pk=appointment.slot_id).exists()
    theirs = make_slot(user=other_counselor)
    assert client.post(f"/psych/desk/slots/{theirs.pk}/delete/").status_code == 404


def test_residents_and_staff_cannot_reach_counselor_settings(client, resident, cadre, admin_user,
                                                             psych_on):
    for user in (resident, cadre, admin_user):
        client.force_login(user)
        for url in ["/psych/desk/profile/", "/psych/desk/hours/"]:
            assert client.get(url)["Location"] == "/psych/", url
        assert client.post("/psych/desk/publish/")["Location"] == "/psych/"
    assert not CounselorProfile.objects.exists()


def test_publish_skips_past_times(counselor):
    profile = counselor.psych_profile
    yesterday = timezone.localtime() - timedelta(days=1)
    WeeklyAvailability.objects.create(profile=profile, weekday=yesterday.weekday(),
                                      start=yesterday.time().replace(microsecond=0))
    created = services.publish_weeks(profile, weeks=1)
    assert all(slot.starts_at > timezone.now() for slot in created)
