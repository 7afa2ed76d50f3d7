"""Redeem, cancel, verify (核销) and expire orders: each all-or-nothing.

Locks are always taken in the same order — the order row, then the item row,
then the resident's point account (inside ``points.services``) — so a
redemption and a cancellation racing on PostgreSQL wait for each other instead
of deadlocking. On SQLite ``select_for_update`` does nothing, but every
transaction is ``BEGIN IMMEDIATE`` (core.settings), which serialises writers.
Stock is taken with a conditional ``UPDATE … WHERE stock >= q``: even without
the row lock two buyers can never both get the last unit.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.grids.scoping import can_access
from core.notifications.services import notify
from core.points.masking import mask_name
from core.points.services import refund, spend

from .errors import (
    ItemExpired,
    ItemUnavailable,
    LimitExceeded,
    MallError,
    OrderClosed,
    OrderNotFound,
    OutOfStock,
    RecipientNotFound,
)
from .models import MallItem, Order, OrderStatus
from .queries import redeemed_quantity, staff_orders

VERIFY_PERMISSION = "mall.verify_order"
ACTION_VERIFIED = "jiayuan.mall_order_verified"
ACTION_CANCELLED = "jiayuan.mall_order_cancelled"
MAX_QUANTITY = 99
CODE_RE = re.compile(r"^\d{8}$")
SOURCE = "mall"

__all__ = [
    "ACTION_CANCELLED", "ACTION_VERIFIED", "VERIFY_PERMISSION", "cancel", "expire_overdue",
    "find_open_order", "find_recipient", "normalise_code", "redeem", "verify",
]


def order_url(order: Order) -> str:
    return reverse("mall:order", args=[order.pk])


def redeem_blocker(user: Any) -> str:
    """Why this user cannot redeem at all yet ("" when they can)."""
    if user.home_grid_id is None:
        return _("请先在“我的”中选择居住网格，再兑换。")
    if not user.is_verified:
        return _("请先完成实名认证，再兑换。")
    return ""


def find_recipient(mobile: str, name: str, giver: Any) -> Any:
    """The resident a gift is for: mobile *and* name must match, so nobody can probe
    which numbers are registered, and a mistyped number reaches no stranger."""
    mobile, name = (mobile or "").strip(), (name or "").strip()
    recipient = get_user_model()._default_manager.filter(mobile=mobile, is_active=True).first()
    if recipient is None or not name or recipient.name != name:
        raise RecipientNotFound(_("未找到手机号和姓名都相符的居民，请核对后重试。"))
    if recipient.pk == giver.pk:
        raise RecipientNotFound(_("不能赠予自己；为自己兑换请不填受赠人。"))
    return recipient


def redeem(user: Any, item: MallItem, quantity: int = 1, recipient: Any = None) -> Order:
    """Pay ``quantity`` × price for ``item``; an open order with a one-time code.

    Any refusal (region, validity, stock, limit, balance) raises a MallError or
    InsufficientPoints and leaves stock, balance and orders exactly as they were.
    """
    if type(quantity) is not int or not 1 <= quantity <= MAX_QUANTITY:  # True is no quantity
        raise MallError(_("兑换数量应为 1 到 %(max)s 之间的整数。") % {"max": MAX_QUANTITY})
    blocker = redeem_blocker(user)
    if blocker:
        raise MallError(blocker)
    if recipient is not None and recipient.pk == user.pk:
        recipient = None
    with transaction.atomic():
        item = (MallItem.objects.select_for_update(of=("self",)).select_related("grid")
                .get(pk=item.pk))
        _check_item(item, user)
        limit = item.per_person_limit
        if limit:
            already = redeemed_quantity(user, item)
            if already + quantity > limit:
                raise LimitExceeded(
                    _("已超过每人限兑数量：“%(item)s”每人限兑 %(limit)s 份，您已兑换 %(done)s 份。")
                    % {"item": item.name, "limit": limit, "done": already})
        taken = MallItem.objects.filter(pk=item.pk, stock__gte=quantity).update(
            stock=F("stock") - quantity)
        if not taken:
            raise OutOfStock(_stock_message(item))
        order = _create_order(user, item, quantity, recipient)
        reason = _("兑换：%(item)s × %(n)s") % {"item": item.name, "n": quantity}
        if recipient is not None:
            reason += _("（赠予 %(name)s）") % {"name": mask_name(recipient.name)}
        # Raises InsufficientPoints: the stock update and the order roll back with it.
        order.entry = spend(user, order.points, key=f"mall-order:{order.pk}", reason=reason,
                            target=order, actor=user)
        order.save(update_fields=["entry"])
        if recipient is not None:
            notify(recipient, _("%(name)s 为您兑换了积分商城礼品") % {"name": user.name},
                   _("“%(item)s” × %(n)s，凭核销码到%(place)s领取。")
                   % {"item": item.name, "n": quantity,
                      "place": item.location or _("兑换点")},
                   url=order_url(order), source=SOURCE)
    return order


def cancel(order: Order, by: Any) -> Order:
    """Cancel an open order: refund with a new entry, put the stock back."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        is_staff = by.pk != order.resident_id
        if is_staff and not (by.has_perm(VERIFY_PERMISSION) and can_access(by, order, "grid")):
            raise OrderNotFound(_("只有兑换人本人或负责该区域的工作人员可以取消订单。"))
        if order.status != OrderStatus.OPEN:
            raise OrderClosed(_("该订单%(status)s，不能取消。")
                              % {"status": order.get_status_display()})
        _close(order, OrderStatus.CANCELLED, by=by,
               reason=_("取消兑换：%(item)s × %(n)s") % {"item": order.item.name,
                                                      "n": order.quantity})
        if is_staff:
            log(order, ACTION_CANCELLED, user=by, data={"code": order.code})
        _tell(order, _("兑换订单已取消"),
              _("“%(item)s” × %(n)s 已取消，%(points)s 积分已退还。"))
    return order


def expire_overdue(now: Any = None) -> int:
    """Close open orders past their validity, refunding them (run on a schedule:
    ``manage.py mall expire``). Returns how many were expired."""
    now = now or timezone.now()
    overdue = Order.objects.filter(status=OrderStatus.OPEN, expires_at__lte=now)
    expired = 0
    for pk in overdue.values_list("pk", flat=True):
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=pk)
            if order.status != OrderStatus.OPEN:
                continue  # verified or cancelled meanwhile
            _close(order, OrderStatus.EXPIRED, by=None,
                   reason=_("兑换过期退还：%(item)s × %(n)s") % {"item": order.item.name,
                                                          "n": order.quantity})
            _tell(order, _("兑换订单已过期"),
                  _("“%(item)s” × %(n)s 逾期未核销，%(points)s 积分已退还。"))
            expired += 1
    return expired


def normalise_code(code: str) -> str:
    """What staff type or a scanner sends: digits, perhaps with spaces or dashes."""
    return re.sub(r"[\s-]", "", str(code or ""))


def find_open_order(code: str, staff: Any) -> Order:
    """The open order with ``code`` in the staff member's region, else a clear refusal.

    An order of another region answers exactly as a missing code does.
    """
    code = normalise_code(code)
    if not staff.has_perm(VERIFY_PERMISSION):
        raise OrderNotFound(_("您没有核销权限。"))
    if not CODE_RE.match(code):
        raise OrderNotFound(_("核销码应为 8 位数字。"))
    orders = staff_orders(staff).filter(code=code)
    order = orders.filter(status=OrderStatus.OPEN).first()
    if order is None:
        latest = orders.order_by("-created_at", "-pk").first()
        if latest is not None and latest.status == OrderStatus.VERIFIED:
            raise OrderClosed(_("该核销码已于 %(time)s 核销，不能重复核销。")
                              % {"time": _local(latest.verified_at)})
        if latest is not None:
            raise OrderClosed(_("该订单%(status)s，不能核销。")
                              % {"status": latest.get_status_display()})
        raise OrderNotFound(_("未找到该核销码对应的订单，请核对（只能核销您负责区域内的订单）。"))
    if order.is_overdue:
        raise ItemExpired(_("该订单已过期（有效期至 %(time)s），不能核销。")
                          % {"time": _local(order.expires_at)})
    return order


def verify(code: str, staff: Any) -> Order:
    """核销: mark the open order with ``code`` verified; a code verifies once only."""
    with transaction.atomic():
        order = find_open_order(code, staff)
        now = timezone.now()
        # The status condition makes the second of two simultaneous clicks update nothing.
        done = Order.objects.filter(pk=order.pk, status=OrderStatus.OPEN).update(
            status=OrderStatus.VERIFIED, verified_at=now, verified_by=staff)
        if not done:
            raise OrderClosed(_("该订单刚刚已被核销，不能重复核销。"))
        order.refresh_from_db()
        log(order, ACTION_VERIFIED, user=staff, data={"code": order.code})
        _tell(order, _("兑换订单已核销"),
              _("“%(item)s” × %(n)s 已核销，感谢您参与社区治理。"))
    return order


# --- internals -------------------------------------------------------------------


def _local(value: Any) -> str:
    return date_format(timezone.localtime(value), "Y-m-d H:i") if value else ""


def _check_item(item: MallItem, user: Any) -> None:
    grid = user.home_grid
    in_region = item.grid_id is None or (grid is not None and grid.is_within(item.grid))
    if not item.active or not in_region:
        raise ItemUnavailable(_("“%(item)s”已下架，或不在您所在的区域投放。")
                              % {"item": item.name})
    if item.has_expired:
        raise ItemExpired(_("“%(item)s”已过期（兑换截止于 %(time)s），不能再兑换。")
                          % {"item": item.name, "time": _local(item.valid_until)})
    if item.not_started:
        raise ItemUnavailable(_("“%(item)s”尚未开始兑换（%(time)s 起）。")
                              % {"item": item.name, "time": _local(item.valid_from)})


def _stock_message(item: MallItem) -> str:
    left = MallItem.objects.filter(pk=item.pk).values_list("stock", flat=True).first() or 0
    if not left:
        return _("库存不足：“%(item)s”已兑完。") % {"item": item.name}
    return _("库存不足：“%(item)s”仅剩 %(left)s 份。") % {"item": item.name, "left": left}


def _create_order(user: Any, item: MallItem, quantity: int, recipient: Any) -> Order:
    """Save the order with a fresh 8-digit code (random, unique among open orders).

    The partial unique index is the real guarantee; a clash (one in 10^8 per open
    order) is retried inside a savepoint so the outer transaction survives.
    """
    for _attempt in range(10):
        code = f"{secrets.randbelow(10**8):08d}"
        if Order.objects.filter(code=code, status=OrderStatus.OPEN).exists():
            continue
        order = Order(resident=user, recipient=recipient, item=item, quantity=quantity,
                      points=item.price * quantity, code=code,
                      grid_id=item.grid_id or user.home_grid_id, expires_at=item.valid_until)
        try:
            with transaction.atomic():
                order.save()
        except IntegrityError:
            continue
        return order
    raise MallError(_("系统繁忙，请稍后再试。"))


def _close(order: Order, status: str, *, by: Any, reason: str) -> None:
    """Cancel or expire a locked open order: stock back, points back, status set."""
    # The UPDATE locks the item row before refund() locks the account: order → item →
    # account, the same order as redeem() (item → account), so the two never deadlock.
    MallItem.objects.filter(pk=order.item_id).update(stock=F("stock") + order.quantity)
    order.refund_entry = refund(order.resident, order.points, key=f"mall-refund:{order.pk}",
                                reason=reason, target=order, actor=by)
    order.status = status
    order.closed_at = timezone.now()
    order.closed_by = by
    order.save(update_fields=["refund_entry", "status", "closed_at", "closed_by"])


def _tell(order: Order, title: str, body: str) -> None:
    """Tell the resident (and the gift's recipient) what happened to the order."""
    text = body % {"item": order.item.name, "n": order.quantity, "points": order.points}
    notify(order.resident, title, text, url=order_url(order), source=SOURCE)
    if order.recipient_id:
        notify(order.recipient, title, text, url=order_url(order), source=SOURCE)
