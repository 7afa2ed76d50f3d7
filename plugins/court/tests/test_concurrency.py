"""Eight residents booking one judge's slot at once: exactly one booking.

Each thread has its own database connection. On PostgreSQL the slot row lock
(select_for_update) serialises them and the partial unique constraint is the
backstop; on a file SQLite database ``BEGIN IMMEDIATE`` does.
"""

from __future__ import annotations

import pytest

from core.testing import RACE_THREADS, race
from plugins.court import services
from plugins.court.models import Booking

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("concurrent_db")]


def _request(slot) -> services.BookingRequest:
    return services.BookingRequest(slot_id=slot.pk, dispute_type="labour",
                                   focus="老板拖欠四个月工资，希望法官指导。")


def test_eight_residents_race_for_one_slot(make_user, grid_tree, make_slot, court_on):
    slot = make_slot()
    residents = [make_user("resident", grid=grid_tree["micro"]) for _ in range(RACE_THREADS)]
    outcomes = race(lambda i: services.book(_request(slot), residents[i]))
    booked = [o for o in outcomes if isinstance(o, Booking)]
    refused = [o for o in outcomes if isinstance(o, services.CourtError)]
    assert len(booked) == 1 and len(refused) == RACE_THREADS - 1, outcomes
    assert all("已被预约" in exc.messages[0] for exc in refused)
    assert Booking.objects.filter(slot=slot).count() == 1


def test_one_resident_tapping_eight_times_books_once(resident, make_slot, court_on):
    slot = make_slot()
    outcomes = race(lambda i: services.book(_request(slot), resident))
    assert sum(isinstance(o, Booking) for o in outcomes) == 1, outcomes
    assert Booking.objects.filter(slot=slot).count() == 1
