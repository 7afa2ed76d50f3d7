"""One resident tapping "提交投票" on eight connections at once: exactly one ballot.

Each thread has its own database connection; on PostgreSQL the unique constraint on
(poll, voter) decides the race, on file-backed SQLite ``BEGIN IMMEDIATE`` queues them.
"""

from __future__ import annotations

import pytest

from core.points.models import PointEntry
from core.points.services import balance_of
from core.testing import RACE_THREADS, race
from plugins.deliberation.models import Ballot, Support, Vote
from plugins.deliberation.services import DeliberationError
from plugins.deliberation.services import polls as poll_services
from plugins.deliberation.services import topics as topic_services

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("concurrent_db")]


def test_concurrent_double_vote_leaves_exactly_one_ballot(resident, make_poll, dlb_on):
    poll = make_poll()
    choice = poll.choices.first().pk
    outcomes = race(lambda i: poll_services.vote(poll.pk, resident, [choice]))
    ballots = [o for o in outcomes if isinstance(o, Ballot)]
    refused = [o for o in outcomes if isinstance(o, DeliberationError)]
    assert len(ballots) == 1 and len(refused) == RACE_THREADS - 1, outcomes
    assert all("每人只能投一次" in exc.messages[0] for exc in refused)
    assert Ballot.objects.filter(poll=poll).count() == 1 and Vote.objects.count() == 1
    assert balance_of(resident) == (2, 2)
    assert PointEntry.objects.filter(user=resident).count() == 1


def test_concurrent_supports_count_once(resident, neighbour, dlb_on):
    suggestion = topic_services.make_suggestion(resident, "增设电动自行车充电棚", "楼道飞线充电危险。")
    outcomes = race(lambda i: topic_services.support(suggestion.pk, neighbour))
    assert sum(isinstance(o, Support) for o in outcomes) == 1, outcomes
    assert Support.objects.count() == 1
