"""Concurrent bookings of one mediator's time: exactly one session is scheduled.

Each thread has its own database connection. On PostgreSQL the lock on the
mediator's posts (select_for_update) serialises them; on SQLite, ``BEGIN IMMEDIATE`` does.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.testing import RACE_THREADS, race
from plugins.mediation import services
from plugins.mediation.models import Session

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("concurrent_db")]


def test_overlapping_bookings_at_once_schedule_exactly_one(case, directory, posts, staff, later):
    services.assign(case.pk, directory["town"], posts["town"], actor=staff["mediator"])
    start, end = later()

    def book(i: int):
        # Every request overlaps every other one by at least an hour.
        shift = timedelta(minutes=5 * i)
        return services.schedule_session(case.pk, starts_at=start + shift, ends_at=end + shift,
                                         place="新嘉街道调解室", actor=staff["mediator"])

    outcomes = race(book)
    booked = [o for o in outcomes if isinstance(o, Session)]
    refused = [o for o in outcomes if isinstance(o, services.MediationError)]
    assert len(booked) == 1 and len(refused) == RACE_THREADS - 1, outcomes
    assert Session.objects.count() == 1
