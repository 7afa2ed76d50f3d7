"""The ledger: accounts hold two running figures, entries are never changed.

``PointAccount.balance`` (积分余额) is what a resident can spend; ``credit``
(累计积分) is what they have earned, reduced only by deductions, never by
spending. Both always equal the sums of the user's entries (``points verify``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class LedgerIsAppendOnly(Exception):
    """Raised on any attempt to change or delete a ledger entry."""


class EntryKind(models.TextChoices):
    AWARD = "award", _("奖励")
    DEDUCT = "deduct", _("扣减")
    ADJUST = "adjust", _("人工调整")
    REDEEM = "redeem", _("兑换")
    REFUND = "refund", _("退还")


class PointAccount(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.PROTECT,
        related_name="point_account", verbose_name=_("居民"),
    )
    balance = models.IntegerField(_("积分余额"), default=0)
    credit = models.IntegerField(_("累计积分"), default=0)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("积分账户")
        verbose_name_plural = _("积分账户")
        # Adjustments are logged against the account (see services.adjust).
        permissions = [("adjust_points", _("可人工调整居民积分"))]
        constraints = [
            # The database itself refuses a negative balance, whatever the code does.
            models.CheckConstraint(condition=models.Q(balance__gte=0),
                                   name="points_balance_not_negative"),
            models.CheckConstraint(condition=models.Q(credit__gte=0),
                                   name="points_credit_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.balance}/{self.credit}"


class EntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise LedgerIsAppendOnly("积分流水只能追加，不能修改")

    def delete(self):
        raise LedgerIsAppendOnly("积分流水只能追加，不能删除")


class PointEntry(models.Model):
    """One movement of points. A correction is a new entry, never an edit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="point_entries",
        verbose_name=_("居民"),
    )
    kind = models.CharField(_("类型"), max_length=10, choices=EntryKind.choices)
    amount = models.IntegerField(_("余额变动"), help_text=_("对积分余额的实际变动，可为负"))
    credit_delta = models.IntegerField(_("累计积分变动"), default=0)
    balance_after = models.IntegerField(_("变动后余额"))
    rule_code = models.CharField(_("规则"), max_length=80, blank=True, db_index=True)
    reason = models.CharField(_("事由"), max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("经办人"),
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    key = models.CharField(_("幂等键"), max_length=160, unique=True)
    # Where the resident lived when the entry was made: rankings of households,
    # grids and villages group on these and must not move when a resident moves.
    grid = models.ForeignKey(
        "grids.Grid", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("网格"),
    )
    grid_path = models.CharField(max_length=255, blank=True, db_index=True)
    household = models.ForeignKey(
        "identity.Household", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="point_entries", verbose_name=_("户"),
    )
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("积分流水")
        verbose_name_plural = _("积分流水")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "rule_code", "created_at"], name="points_cap_lookup"),
            models.Index(fields=["user", "-created_at"], name="points_history"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.amount:+d} {self.reason}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise LedgerIsAppendOnly("积分流水只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerIsAppendOnly("积分流水只能追加，不能删除")
