"""Concurrent awards and spends from many threads: the invariants still hold.

Each thread has its own database connection. On PostgreSQL the account row lock
serialises them; on SQLite, ``BEGIN IMMEDIATE`` does.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from core.points import services
from core.points.models import PointEntry
from core.points.services import apply_rule, balance_of
from core.testing import RACE_THREADS, race

THREADS = RACE_THREADS

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("concurrent_db")]




def test_daily_cap_holds_under_concurrent_awards(make_user, grid_tree, deeds_plugin, capsys):
    resident = make_user("resident", grid=grid_tree["micro"])
    outcomes = race(lambda i: apply_rule(resident, "deeds.help", key=f"help:{i}"))
    awarded = [o for o in outcomes if isinstance(o, PointEntry)]
    refused = [o for o in outcomes if isinstance(o, services.CapReached)]
    assert len(awarded) == 2 and len(refused) == THREADS - 2, outcomes  # cap 10, 5 each
    assert balance_of(resident) == (10, 10)
    call_command("points", "verify")
    assert "no drift" in capsys.readouterr().out


def test_concurrent_spends_never_overdraw(make_user, grid_tree, deeds_plugin, admin_user):
    resident = make_user("resident", grid=grid_tree["micro"])
    services.adjust(resident, 30, reason="期初积分", actor=admin_user, key="opening")
    outcomes = race(lambda i: services.spend(resident, 10, key=f"order:{i}", reason="兑换"))
    spent = [o for o in outcomes if isinstance(o, PointEntry)]
    refused = [o for o in outcomes if isinstance(o, services.InsufficientPoints)]
    assert len(spent) == 3 and len(refused) == THREADS - 3, outcomes
    assert balance_of(resident) == (0, 30)


def test_same_key_from_many_threads_awards_once(make_user, grid_tree, deeds_plugin):
    resident = make_user("resident", grid=grid_tree["micro"])
    outcomes = race(lambda i: apply_rule(resident, "deeds.help", key="once"))
    assert all(isinstance(o, PointEntry) for o in outcomes), outcomes
    assert {o.pk for o in outcomes} == {outcomes[0].pk}
    assert balance_of(resident) == (5, 5)
