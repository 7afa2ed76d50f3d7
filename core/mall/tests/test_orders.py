"""Cancel (refund with a new entry), 核销 once and only within the staff scope, expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from core.mall import services
from core.mall.errors import ItemExpired, OrderClosed, OrderNotFound
from core.mall.models import Order, OrderStatus
from core.notifications.models import Notification
from core.points.models import EntryKind, PointEntry
from core.points.services import balance_of


@pytest.fixture
def order(neighbour, rice):
    return services.redeem(neighbour, rice, 2)


def test_cancel_refunds_with_a_new_entry_and_restores_stock(neighbour, rice, order):
    assert balance_of(neighbour)[0] == 0
    services.cancel(order, neighbour)
    order.refresh_from_db()
    rice.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED and order.closed_by == neighbour
    assert rice.stock == 10 and balance_of(neighbour) == (100, 100)
    refund = order.refund_entry
    assert (refund.kind, refund.amount, refund.key) == (
        EntryKind.REFUND, 100, f"mall-refund:{order.pk}")
    assert refund.pk != order.entry.pk  # the redemption entry itself is untouched
    assert PointEntry.objects.filter(user=neighbour).count() == 3  # fund, redeem, refund
    message = Notification.objects.get(recipient=neighbour)
    assert message.title == "兑换订单已取消" and "100 积分已退还" in message.body


def test_cancel_twice_or_after_verification_is_refused(neighbour, cadre, order, rice):
    services.cancel(order, neighbour)
    with pytest.raises(OrderClosed, match="已取消"):
        services.cancel(order, neighbour)
    second = services.redeem(neighbour, rice, 1)
    services.verify(second.code, cadre)
    with pytest.raises(OrderClosed, match="已核销"):
        services.cancel(second, neighbour)
    assert balance_of(neighbour)[0] == 50


def test_only_the_payer_or_scoped_staff_may_cancel(order, elder, other_worker, cadre):
    for stranger in (elder, other_worker):
        with pytest.raises(OrderNotFound):
            services.cancel(order, stranger)
    services.cancel(order, cadre)  # e.g. the resident phoned the points shop
    assert ModelLogEntry.objects.filter(action=services.ACTION_CANCELLED).count() == 1


def test_verify_once_only(cadre, order, neighbour):
    done = services.verify(order.code, cadre)
    assert done.status == OrderStatus.VERIFIED and done.verified_by == cadre
    assert done.verified_at is not None
    with pytest.raises(OrderClosed, match="已于 .* 核销，不能重复核销"):
        services.verify(order.code, cadre)
    assert ModelLogEntry.objects.filter(action=services.ACTION_VERIFIED).count() == 1
    message = Notification.objects.get(recipient=neighbour, title="兑换订单已核销")
    assert "大米 5 公斤" in message.body


def test_verify_accepts_spaces_and_dashes(cadre, order):
    code = f"{order.code[:4]} {order.code[4:6]}-{order.code[6:]}"
    assert services.verify(code, cadre).status == OrderStatus.VERIFIED


def test_staff_of_another_region_cannot_verify(other_worker, grid_worker, order):
    # other_worker: 新兴; grid_worker: 东栅第一网格, below the item's region 东栅社区.
    for staff in (other_worker, grid_worker):
        with pytest.raises(OrderNotFound, match="未找到"):
            services.verify(order.code, staff)
    order.refresh_from_db()
    assert order.status == OrderStatus.OPEN


def test_residents_cannot_verify(neighbour, order):
    with pytest.raises(OrderNotFound, match="没有核销权限"):
        services.verify(order.code, neighbour)


def test_grid_worker_verifies_items_of_their_grid(grid_worker, neighbour, make_item, grid_tree):
    item = make_item("社区文体活动票", price=8, grid=grid_tree["grid1"])
    order = services.redeem(neighbour, item, 1)
    assert services.verify(order.code, grid_worker).status == OrderStatus.VERIFIED


def test_bad_codes(cadre):
    with pytest.raises(OrderNotFound, match="8 位数字"):
        services.verify("1234", cadre)
    with pytest.raises(OrderNotFound, match="未找到"):
        services.verify("00000000", cadre)


def test_gift_recipient_is_told_when_verified(neighbour, elder, cadre, soap):
    order = services.redeem(neighbour, soap, 1, recipient=elder)
    services.verify(order.code, cadre)
    titles = set(Notification.objects.filter(recipient=elder).values_list("title", flat=True))
    assert titles == {"李梅 为您兑换了积分商城礼品", "兑换订单已核销"}


def test_overdue_orders_cannot_be_verified_and_expire_with_a_refund(neighbour, cadre, make_item):
    item = make_item(price=20, valid_until=timezone.now() + timedelta(hours=1))
    order = services.redeem(neighbour, item, 1)
    assert order.expires_at == item.valid_until
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ItemExpired, match="已过期"):
        services.verify(order.code, cadre)
    assert services.expire_overdue() == 1
    order.refresh_from_db()
    item.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED and balance_of(neighbour)[0] == 100
    assert item.stock == 10 and order.refund_entry.amount == 20
    assert services.expire_overdue() == 0  # nothing left; no second refund
    with pytest.raises(OrderClosed, match="已过期"):
        services.verify(order.code, cadre)


def test_mall_verify_command(neighbour, order, capsys):
    services.cancel(order, neighbour)
    call_command("mall", "verify")
    assert "1 orders checked, no problems" in capsys.readouterr().out
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.OPEN)  # refunded yet open
    with pytest.raises(SystemExit):
        call_command("mall", "verify")
    assert "refunded" in capsys.readouterr().out


def test_expire_command(neighbour, make_item, capsys):
    item = make_item(price=20, valid_until=timezone.now() + timedelta(hours=1))
    order = services.redeem(neighbour, item, 1)
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    call_command("mall", "expire")
    assert "1 overdue orders expired" in capsys.readouterr().out
