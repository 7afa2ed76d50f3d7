"""Demo: 顾敏's profile, weekly hours, next week's slots, answered questions; idempotent."""

from __future__ import annotations

import pytest

from core.grids.models import Grid
from plugins.psych import demo
from plugins.psych.models import CounselorProfile, Question, Slot, WeeklyAvailability

pytestmark = pytest.mark.django_db


def _counts():
    return (CounselorProfile.objects.count(), WeeklyAvailability.objects.count(),
            Slot.objects.count(), Question.objects.count())


def test_demo_is_idempotent(make_user, grid_tree, home_page, set_plugin):
    set_plugin("psych", True)
    make_user("counselor", grid=grid_tree["micro"], mobile=demo.COUNSELOR_MOBILE, name="顾敏")
    make_user("resident", grid=grid_tree["micro"], mobile=demo.ASKER_MOBILE)
    demo.load_demo(None)
    first = _counts()
    assert first == (1, len(demo.WEEKLY), len(demo.WEEKLY), len(demo.QUESTIONS))
    demo.load_demo(None)
    assert _counts() == first
    assert all(q.answer for q in Question.objects.all())
    from plugins.psych import services
    assert services.earliest_free_slot() is not None
    assert Grid.objects.exists()


def test_demo_without_users_loads_nothing(db):
    demo.load_demo(None)
    assert _counts() == (0, 0, 0, 0)
