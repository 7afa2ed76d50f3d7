"""services.redeem: the happy path, and every refusal leaving nothing behind."""

from __future__ import annotations

import pytest

from core.mall import services
from core.mall.errors import (
    ItemExpired,
    ItemUnavailable,
    LimitExceeded,
    MallError,
    OutOfStock,
    RecipientNotFound,
)
from core.mall.models import MallItem, Order, OrderStatus
from core.notifications.models import Notification
from core.points.errors import InsufficientPoints
from core.points.models import EntryKind, PointEntry
from core.points.services import balance_of


def snapshot(user, item) -> tuple:
    """Everything a refused redemption must leave untouched."""
    item.refresh_from_db()
    return balance_of(user), item.stock, Order.objects.count(), PointEntry.objects.count()


def test_redeem_takes_points_and_stock_and_links_the_entry(neighbour, rice):
    order = services.redeem(neighbour, rice, 1)
    rice.refresh_from_db()
    assert rice.stock == 9
    assert balance_of(neighbour) == (50, 100)  # credit is never reduced by spending
    assert (order.status, order.quantity, order.points) == (OrderStatus.OPEN, 1, 50)
    assert order.code.isdigit() and len(order.code) == 8
    assert order.grid == rice.grid and order.resident == neighbour
    entry = order.entry
    assert (entry.kind, entry.amount, entry.credit_delta) == (EntryKind.REDEEM, -50, 0)
    assert entry.key == f"mall-order:{order.pk}" and entry.target == order
    assert entry.reason == "兑换：大米 5 公斤 × 1"


def test_quantity_multiplies_the_price(neighbour, soap):
    order = services.redeem(neighbour, soap, 3)
    assert order.points == 15 and balance_of(neighbour)[0] == 85
    soap.refresh_from_db()
    assert soap.stock == 97


def test_insufficient_balance_changes_nothing(neighbour, make_item):
    oil = make_item("食用油 5 升", price=85, stock=5)
    services.redeem(neighbour, oil, 1)  # 100 → 15
    before = snapshot(neighbour, oil)
    with pytest.raises(InsufficientPoints, match="余额不足"):
        services.redeem(neighbour, oil, 1)
    assert snapshot(neighbour, oil) == before


def test_out_of_stock_changes_nothing(neighbour, make_item):
    item = make_item(stock=1, price=10)
    before = snapshot(neighbour, item)
    with pytest.raises(OutOfStock, match="库存不足.*仅剩 1 份"):
        services.redeem(neighbour, item, 2)
    assert snapshot(neighbour, item) == before
    services.redeem(neighbour, item, 1)
    with pytest.raises(OutOfStock, match="库存不足.*已兑完"):
        services.redeem(neighbour, item, 1)


def test_per_person_limit_counts_open_and_verified_not_cancelled(neighbour, soap):
    first = services.redeem(neighbour, soap, 2)
    before = snapshot(neighbour, soap)
    with pytest.raises(LimitExceeded, match="已超过每人限兑数量.*每人限兑 3 份，您已兑换 2 份"):
        services.redeem(neighbour, soap, 2)
    assert snapshot(neighbour, soap) == before
    services.cancel(first, neighbour)  # refunded units no longer count
    assert services.redeem(neighbour, soap, 3).quantity == 3


def test_expired_item_is_refused(neighbour, make_item, past):
    item = make_item(valid_until=past)
    before = snapshot(neighbour, item)
    with pytest.raises(ItemExpired, match="已过期"):
        services.redeem(neighbour, item, 1)
    assert snapshot(neighbour, item) == before


def test_item_not_yet_open_is_refused(neighbour, make_item, future):
    item = make_item(valid_from=future)
    with pytest.raises(ItemUnavailable, match="尚未开始兑换"):
        services.redeem(neighbour, item, 1)
    assert Order.objects.count() == 0


def test_inactive_item_is_refused(neighbour, make_item):
    item = make_item(active=False)
    with pytest.raises(ItemUnavailable, match="已下架"):
        services.redeem(neighbour, item, 1)


def test_resident_of_another_region_cannot_redeem(far_resident, rice):
    before = snapshot(far_resident, rice)
    with pytest.raises(ItemUnavailable, match="不在您所在的区域"):
        services.redeem(far_resident, rice, 1)
    assert snapshot(far_resident, rice) == before


def test_site_wide_item_is_verified_where_the_resident_lives(far_resident, make_item):
    service = make_item("家电维修上门服务（96345）", price=30, grid=None)
    order = services.redeem(far_resident, service, 1)
    assert order.grid == far_resident.home_grid


@pytest.mark.parametrize("quantity", [0, -1, 100, "2", True])
def test_bad_quantity_is_refused(neighbour, rice, quantity):
    with pytest.raises(MallError, match="兑换数量"):
        services.redeem(neighbour, rice, quantity)
    assert Order.objects.count() == 0


def test_unverified_or_gridless_residents_cannot_redeem(make_user, grid_tree, rice, fund):
    unverified = make_user("resident", grid=grid_tree["micro"], verified=False)
    fund(unverified, 100)
    with pytest.raises(MallError, match="实名认证"):
        services.redeem(unverified, rice, 1)
    homeless = make_user("resident", grid=None)
    with pytest.raises(MallError, match="居住网格"):
        services.redeem(homeless, rice, 1)
    assert Order.objects.count() == 0


def test_gift_for_a_neighbour(neighbour, elder, soap):
    recipient = services.find_recipient(elder.mobile, "张秀英", neighbour)
    order = services.redeem(neighbour, soap, 2, recipient=recipient)
    assert order.recipient == elder and order.resident == neighbour
    assert balance_of(neighbour)[0] == 90 and balance_of(elder) == (0, 0)
    assert order.entry.reason == "兑换：洗衣皂 × 2（赠予 张*英）"
    message = Notification.objects.get(recipient=elder)
    assert message.title == "李梅 为您兑换了积分商城礼品"
    assert "洗衣皂" in message.body and message.url == f"/mall/orders/{order.pk}/"


def test_recipient_lookup_needs_mobile_and_name(neighbour, elder):
    with pytest.raises(RecipientNotFound, match="未找到"):
        services.find_recipient(elder.mobile, "张秀", neighbour)
    with pytest.raises(RecipientNotFound, match="未找到"):
        services.find_recipient("13999999999", "张秀英", neighbour)
    with pytest.raises(RecipientNotFound, match="不能赠予自己"):
        services.find_recipient(neighbour.mobile, neighbour.name, neighbour)
    elder.is_active = False
    elder.save()
    with pytest.raises(RecipientNotFound):
        services.find_recipient(elder.mobile, "张秀英", neighbour)


def test_codes_are_unique_among_open_orders(neighbour, soap, monkeypatch):
    first = services.redeem(neighbour, soap, 1)
    codes = iter([int(first.code), 12345678])
    monkeypatch.setattr(services.secrets, "randbelow", lambda _n: next(codes))
    second = services.redeem(neighbour, soap, 1)
    assert second.code == "12345678"  # the clash with the open order was skipped


def test_database_refuses_negative_stock(rice):
    from django.db import IntegrityError, transaction
    from django.db.models import F

    with pytest.raises(IntegrityError), transaction.atomic():
        MallItem.objects.filter(pk=rice.pk).update(stock=F("stock") - 11)
