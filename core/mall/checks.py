"""``mall verify``: every order agrees with the ledger and with the stock rules.

An open or verified order has its redemption entry (−points, keyed on the
order); a cancelled or expired one also has its refund (+points); no two open
orders share a code; no stock is negative. ``points verify`` checks balances.
"""

from __future__ import annotations

from django.db.models import Count

from core.points.models import PointEntry

from .models import MallItem, Order, OrderStatus

CLOSED = (OrderStatus.CANCELLED, OrderStatus.EXPIRED)


def find_problems() -> tuple[int, list[str]]:
    """(orders checked, one line per problem)."""
    problems: list[str] = []
    entries = {
        entry.key: entry.amount
        for entry in PointEntry.objects.filter(key__startswith="mall-").only("key", "amount")
    }
    checked = 0
    for order in Order.objects.only("pk", "status", "points").iterator():
        checked += 1
        if entries.get(f"mall-order:{order.pk}") != -order.points:
            problems.append(f"order {order.pk}: redemption entry missing or wrong")
        refund = entries.get(f"mall-refund:{order.pk}")
        if order.status in CLOSED and refund != order.points:
            problems.append(f"order {order.pk}: {order.status} but not refunded")
        if order.status not in CLOSED and refund is not None:
            problems.append(f"order {order.pk}: {order.status} but refunded")
    clashes = (Order.objects.filter(status=OrderStatus.OPEN).values("code")
               .annotate(n=Count("pk")).filter(n__gt=1))
    problems += [f"code {row['code']}: {row['n']} open orders" for row in clashes]
    problems += [f"item {pk}: negative stock {stock}"
                 for pk, stock in MallItem.objects.filter(stock__lt=0).values_list("pk", "stock")]
    return checked, problems
