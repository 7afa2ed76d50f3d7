"""Eight residents booking one slot at once: exactly one appointment."""

from __future__ import annotations

import pytest

from core.testing import RACE_THREADS, race
from plugins.psych import services
from plugins.psych.models import Appointment

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("concurrent_db")]


def test_eight_residents_race_for_one_slot(make_user, grid_tree, make_slot, psych_on):
    slot = make_slot()
    residents = [make_user("resident", grid=grid_tree["micro"]) for _ in range(RACE_THREADS)]
    outcomes = race(lambda i: services.book(slot.pk, residents[i]))
    booked = [o for o in outcomes if isinstance(o, Appointment)]
    refused = [o for o in outcomes if isinstance(o, services.PsychError)]
    assert len(booked) == 1 and len(refused) == RACE_THREADS - 1, outcomes
    assert all("已被预约" in exc.messages[0] for exc in refused)
    assert Appointment.objects.filter(slot=slot).count() == 1
