"""嘉心在线 fixtures: counselors with profiles, free slots, one booked appointment."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from plugins.psych.models import Appointment, CounselorProfile, Slot


@pytest.fixture
def psych_on(set_plugin, home_page):
    set_plugin("psych", True)
    return home_page


@pytest.fixture
def counselor(make_user, grid_tree):
    user = make_user("counselor", grid=grid_tree["micro"], scope=grid_tree["city"], name="顾敏")
    CounselorProfile.objects.create(user=user, display_name="顾敏老师", specialties="情绪压力、亲子关系")
    return user


@pytest.fixture
def other_counselor(make_user, grid_tree):
    user = make_user("counselor", grid=grid_tree["micro"], scope=grid_tree["city"], name="陆倩")
    CounselorProfile.objects.create(user=user, display_name="陆倩老师")
    return user


@pytest.fixture
def cadre(make_user, grid_tree):
    return make_user("cadre", grid=grid_tree["micro"], scope=grid_tree["dongzha"], name="朱丽萍")


@pytest.fixture
def make_slot(counselor) -> Callable[..., Slot]:
    def make(days: float = 2, user=None, **fields) -> Slot:
        profile = (user or counselor).psych_profile
        return Slot.objects.create(profile=profile,
                                   starts_at=timezone.now() + timedelta(days=days), **fields)

    return make


@pytest.fixture
def appointment(make_slot, resident) -> Appointment:
    return Appointment.objects.create(slot=make_slot(), resident=resident)
