"""Concurrent awards and spends from many threads: the invariants still hold.

Each thread has its own database connection. On PostgreSQL the account row lock
serialises them; on SQLite, ``BEGIN IMMEDIATE`` does.
"""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import close_old_connections, connection

from core.points import services
from core.points.models import PointEntry
from core.points.services import apply_rule, balance_of

THREADS = 8

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _needs_file_or_server_database():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        # An in-memory SQLite database shared between threads uses table locks that
        # fail at once instead of waiting; a file database (CI's) behaves like prod.
        pytest.skip("threads need a file-backed SQLite database or PostgreSQL")


def _race(work) -> list[object]:
    barrier = threading.Barrier(THREADS)
    outcomes: list[object] = [None] * THREADS

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = work(index)
        except Exception as exc:  # noqa: BLE001 — the outcome is what we assert on
            outcomes[index] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_daily_cap_holds_under_concurrent_awards(make_user, grid_tree, deeds_plugin, capsys):
    resident = make_user("resident", grid=grid_tree["micro"])
    outcomes = _race(lambda i: apply_rule(resident, "deeds.help", key=f"help:{i}"))
    awarded = [o for o in outcomes if isinstance(o, PointEntry)]
    refused = [o for o in outcomes if isinstance(o, services.CapReached)]
    assert len(awarded) == 2 and len(refused) == THREADS - 2, outcomes  # cap 10, 5 each
    assert balance_of(resident) == (10, 10)
    call_command("points", "verify")
    assert "no drift" in capsys.readouterr().out


def test_concurrent_spends_never_overdraw(make_user, grid_tree, deeds_plugin, admin_user):
    resident = make_user("resident", grid=grid_tree["micro"])
    services.adjust(resident, 30, reason="期初积分", actor=admin_user, key="opening")
    outcomes = _race(lambda i: services.spend(resident, 10, key=f"order:{i}", reason="兑换"))
    spent = [o for o in outcomes if isinstance(o, PointEntry)]
    refused = [o for o in outcomes if isinstance(o, services.InsufficientPoints)]
    assert len(spent) == 3 and len(refused) == THREADS - 3, outcomes
    assert balance_of(resident) == (0, 30)


def test_same_key_from_many_threads_awards_once(make_user, grid_tree, deeds_plugin):
    resident = make_user("resident", grid=grid_tree["micro"])
    outcomes = _race(lambda i: apply_rule(resident, "deeds.help", key="once"))
    assert all(isinstance(o, PointEntry) for o in outcomes), outcomes
    assert {o.pk for o in outcomes} == {outcomes[0].pk}
    assert balance_of(resident) == (5, 5)
