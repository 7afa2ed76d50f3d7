"""积分商城: items bought with the spendable balance, benefits unlocked by credit, orders.

Stock and prices live in the database with CHECK constraints, so no code path —
not even a buggy one — can sell below zero. An order keeps the ledger entries it
spent and refunded: the ledger stays the one source of truth for points.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model_string


class ItemCategory(models.TextChoices):
    GOODS = "goods", _("商品兑换")
    TICKETS = "tickets", _("景区门票")
    PARKING = "parking", _("公共停车")
    EVENTS = "events", _("文体活动")
    SERVICES = "services", _("社会服务")
    HONOUR_VISITS = "honour_visits", _("荣誉参观")


class BenefitKind(models.TextChoices):
    COMMENDATION = "commendation", _("先进表彰")
    SCHOOL = "school", _("就学加分")
    LOAN = "loan", _("贷款担保/利率优惠")
    HONOUR_VISIT = "honour_visit", _("荣誉参观")


class OrderStatus(models.TextChoices):
    OPEN = "open", _("待核销")
    VERIFIED = "verified", _("已核销")
    CANCELLED = "cancelled", _("已取消")
    EXPIRED = "expired", _("已过期")


class MallItem(models.Model):
    """Something a resident pays points for, offered in one region (or site-wide)."""

    category = models.CharField(_("类别"), max_length=16, choices=ItemCategory.choices,
                                default=ItemCategory.GOODS, db_index=True)
    name = models.CharField(_("名称"), max_length=80)
    description = models.TextField(_("说明"), blank=True)
    image = models.ForeignKey(
        get_image_model_string(), verbose_name=_("图片"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    price = models.PositiveIntegerField(_("所需积分"), help_text=_("兑换一份所需的积分"))
    stock = models.PositiveIntegerField(_("库存"), default=0)
    per_person_limit = models.PositiveSmallIntegerField(
        _("每人限兑"), null=True, blank=True, help_text=_("每位居民累计最多可兑换的份数；留空为不限"),
    )
    valid_from = models.DateTimeField(_("开始兑换时间"), null=True, blank=True)
    valid_until = models.DateTimeField(
        _("截止时间"), null=True, blank=True,
        help_text=_("过了截止时间不能再兑换，未核销的订单随之过期并退还积分"),
    )
    grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("投放区域"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("该区域（含下级）的居民可以兑换；留空为全站（仅系统管理员可设）"),
    )
    location = models.CharField(_("兑换地点"), max_length=120, blank=True,
                                help_text=_("如：东栅社区积分超市（东栅路 18 号）"))
    active = models.BooleanField(_("上架"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("兑换商品")
        verbose_name_plural = _("兑换商品")
        ordering = ["sort_order", "price", "pk"]
        constraints = [
            # The F() decrement in services.redeem cannot take stock below zero: the
            # database refuses, whatever a future code path does.
            models.CheckConstraint(condition=Q(stock__gte=0), name="mall_item_stock_not_negative"),
            models.CheckConstraint(condition=Q(price__gt=0), name="mall_item_price_positive"),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_until__isnull=True)
                | Q(valid_until__gt=models.F("valid_from")),
                name="mall_item_valid_window",
            ),
        ]
        indexes = [models.Index(fields=["active", "category", "sort_order"],
                                name="mall_item_catalogue")]

    def __str__(self) -> str:
        return self.name

    def is_open(self, now=None) -> bool:
        """Within the redemption window (the stock is checked separately)."""
        now = now or timezone.now()
        return (self.valid_from is None or self.valid_from <= now) and (
            self.valid_until is None or now < self.valid_until)

    @property
    def has_expired(self) -> bool:
        return self.valid_until is not None and self.valid_until <= timezone.now()

    @property
    def not_started(self) -> bool:
        return self.valid_from is not None and self.valid_from > timezone.now()

    @property
    def region_label(self) -> str:
        return self.grid.name if self.grid_id else str(_("全站"))


class CreditBenefit(models.Model):
    """An honour or service unlocked by cumulative credit (累计积分); nothing is spent."""

    kind = models.CharField(_("类别"), max_length=16, choices=BenefitKind.choices)
    name = models.CharField(_("名称"), max_length=80)
    description = models.TextField(_("说明"), blank=True)
    threshold = models.PositiveIntegerField(_("累计积分门槛"))
    provider = models.CharField(_("提供单位"), max_length=80, blank=True,
                                help_text=_("如：嘉兴农商银行、区教育局"))
    grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("适用区域"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("该区域（含下级）的居民适用；留空为全站（仅系统管理员可设）"),
    )
    active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("信用权益")
        verbose_name_plural = _("信用权益")
        ordering = ["threshold", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def region_label(self) -> str:
        return self.grid.name if self.grid_id else str(_("全站"))


class Order(models.Model):
    """A redemption: paid by ``resident``, perhaps for ``recipient``, claimed with ``code``."""

    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("兑换人"), on_delete=models.PROTECT,
        related_name="mall_orders",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("受赠人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="mall_gifts",
    )
    item = models.ForeignKey(MallItem, verbose_name=_("商品"), on_delete=models.PROTECT,
                             related_name="orders")
    quantity = models.PositiveSmallIntegerField(_("数量"))
    points = models.PositiveIntegerField(_("积分"))
    status = models.CharField(_("状态"), max_length=10, choices=OrderStatus.choices,
                              default=OrderStatus.OPEN, db_index=True)
    code = models.CharField(_("核销码"), max_length=8)
    # Where the order is verified: the item's region, or the resident's home grid
    # for a site-wide item (a 96345 service is fulfilled wherever the resident lives).
    grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("核销区域"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)
    created_at = models.DateTimeField(_("兑换时间"), auto_now_add=True, db_index=True)
    verified_at = models.DateTimeField(_("核销时间"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("核销人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    closed_at = models.DateTimeField(_("取消/过期时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("取消人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    entry = models.ForeignKey(
        "points.PointEntry", verbose_name=_("兑换流水"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    refund_entry = models.ForeignKey(
        "points.PointEntry", verbose_name=_("退还流水"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )

    class Meta:
        verbose_name = _("兑换订单")
        verbose_name_plural = _("兑换订单")
        ordering = ["-created_at", "-pk"]
        permissions = [("verify_order", _("可核销积分商城订单"))]
        constraints = [
            # A code identifies one order while it can still be verified; codes of
            # closed orders may come round again.
            models.UniqueConstraint(fields=["code"], condition=Q(status="open"),
                                    name="mall_open_code_unique"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="mall_order_quantity"),
            models.CheckConstraint(condition=Q(points__gte=1), name="mall_order_points"),
        ]
        indexes = [
            models.Index(fields=["item", "resident", "status"], name="mall_order_limit"),
            models.Index(fields=["resident", "-created_at"], name="mall_order_mine"),
            models.Index(fields=["recipient", "-created_at"], name="mall_order_gifts"),
        ]

    def __str__(self) -> str:
        return f"{self.item} × {self.quantity}（{self.get_status_display()}）"

    @property
    def is_open(self) -> bool:
        return self.status == OrderStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        """Still open, but past its validity: waiting for ``expire_overdue`` to refund it."""
        return self.is_open and self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def display_status(self) -> str:
        return str(OrderStatus.EXPIRED.label) if self.is_overdue else self.get_status_display()

    @property
    def number(self) -> str:
        """A human order number (兑换单号) shown on pages and receipts."""
        return f"{timezone.localtime(self.created_at):%Y%m%d}{self.pk:06d}"
