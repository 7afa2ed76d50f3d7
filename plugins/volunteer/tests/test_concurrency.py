"""Many residents signing up for the last places at once: never more than the capacity.

Each thread has its own database connection. On PostgreSQL the activity row lock
(select_for_update) serialises them; on SQLite, ``BEGIN IMMEDIATE`` does.
"""

from __future__ import annotations

import pytest

from core.points.models import PointEntry
from core.points.services import balance_of
from core.testing import RACE_THREADS, race
from plugins.volunteer import services
from plugins.volunteer.models import SignUp, SignUpStatus

THREADS = RACE_THREADS

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("concurrent_db")]




def test_eight_residents_race_for_three_places(make_user, grid_tree, make_activity,
                                               volunteer_on):
    activity = make_activity(capacity=3)
    residents = [make_user("resident", grid=grid_tree["micro"]) for _ in range(THREADS)]
    outcomes = race(lambda i: services.sign_up(activity.pk, residents[i]))
    taken = [o for o in outcomes if isinstance(o, SignUp)]
    full = [o for o in outcomes if isinstance(o, services.VolunteerError)]
    assert len(taken) == 3 and len(full) == THREADS - 3, outcomes
    assert all("名额已满" in exc.messages[0] for exc in full)
    assert activity.signups.filter(status=SignUpStatus.SIGNED_UP).count() == 3


def test_one_resident_tapping_eight_times_signs_up_once(resident, make_activity, volunteer_on):
    activity = make_activity(capacity=5)
    outcomes = race(lambda i: services.sign_up(activity.pk, resident))
    assert sum(isinstance(o, SignUp) for o in outcomes) == 1, outcomes
    assert all(isinstance(o, SignUp | services.VolunteerError) for o in outcomes), outcomes
    assert activity.signups.count() == 1


def test_concurrent_confirmations_award_points_once(resident, cadre, make_activity,
                                                    volunteer_on):
    activity = make_activity(running=True)
    signup = SignUp.objects.create(activity=activity, resident=resident)
    outcomes = race(lambda i: services.confirm_attendance(signup.pk, cadre))
    results = [o for o in outcomes if isinstance(o, services.AttendanceResult)]
    assert len(results) == THREADS, outcomes
    assert sum(r.changed for r in results) == 1
    assert balance_of(resident) == (10, 10)
    assert PointEntry.objects.filter(user=resident).count() == 1
