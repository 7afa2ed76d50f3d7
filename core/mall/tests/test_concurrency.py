"""Real races from many threads, each with its own database connection.

On PostgreSQL the item and order row locks serialise them; on SQLite,
``BEGIN IMMEDIATE`` does. Either way: never sold beyond stock, never verified
twice, never a deadlock between a redemption and a cancellation.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from core.mall import services
from core.mall.errors import LimitExceeded, OrderClosed, OutOfStock
from core.mall.models import MallItem, Order, OrderStatus
from core.points.services import balance_of
from core.testing import RACE_THREADS, race

THREADS = RACE_THREADS

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("concurrent_db")]


def assert_ledger_consistent(capsys) -> None:
    call_command("points", "verify")
    call_command("mall", "verify")
    out = capsys.readouterr().out
    assert "no drift" in out and "no problems" in out, out


def test_eight_residents_race_for_the_last_item(make_user, grid_tree, fund, make_item, capsys):
    residents = [make_user("resident", grid=grid_tree["micro"]) for _ in range(THREADS)]
    for resident in residents:
        fund(resident, 100)
    item = make_item(price=50, stock=1)
    outcomes = race(lambda i: services.redeem(residents[i], item, 1))
    orders = [o for o in outcomes if isinstance(o, Order)]
    refused = [o for o in outcomes if isinstance(o, OutOfStock)]
    assert len(orders) == 1 and len(refused) == THREADS - 1, outcomes
    item.refresh_from_db()
    assert item.stock == 0 and Order.objects.count() == 1
    assert sorted(balance_of(r)[0] for r in residents) == [50] + [100] * (THREADS - 1)
    assert_ledger_consistent(capsys)


def test_one_resident_racing_against_the_per_person_limit(neighbour, make_item, capsys):
    item = make_item(price=10, stock=50, per_person_limit=1)
    outcomes = race(lambda i: services.redeem(neighbour, item, 1))
    orders = [o for o in outcomes if isinstance(o, Order)]
    assert len(orders) == 1, outcomes
    assert all(isinstance(o, LimitExceeded) for o in outcomes if o not in orders), outcomes
    item.refresh_from_db()
    assert item.stock == 49 and balance_of(neighbour)[0] == 90
    assert_ledger_consistent(capsys)


def test_eight_clerks_verify_one_code(neighbour, make_user, grid_tree, rice):
    clerks = [make_user("cadre", grid=grid_tree["micro"], scope=grid_tree["dongzha"])
              for _ in range(THREADS)]
    order = services.redeem(neighbour, rice, 1)
    outcomes = race(lambda i: services.verify(order.code, clerks[i]))
    verified = [o for o in outcomes if isinstance(o, Order)]
    assert len(verified) == 1, outcomes
    assert all(isinstance(o, OrderClosed) for o in outcomes if o not in verified), outcomes
    order.refresh_from_db()
    assert order.status == OrderStatus.VERIFIED


def test_redemptions_and_cancellations_interleave_without_deadlock(neighbour, make_item,
                                                                    capsys):
    item = make_item(price=5, stock=20)
    earlier = [services.redeem(neighbour, item, 1) for _ in range(THREADS // 2)]

    def work(index: int) -> object:
        if index % 2:
            return services.cancel(earlier[index // 2], neighbour)
        return services.redeem(neighbour, item, 1)

    outcomes = race(work)
    assert all(isinstance(o, Order) for o in outcomes), outcomes
    item.refresh_from_db()
    open_orders = Order.objects.filter(status=OrderStatus.OPEN).count()
    assert open_orders == THREADS // 2 and item.stock == 20 - open_orders
    assert balance_of(neighbour)[0] == 100 - 5 * open_orders
    assert MallItem.objects.get(pk=item.pk).stock >= 0
    assert_ledger_consistent(capsys)
