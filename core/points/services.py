"""The one way points move. Every call writes one entry and updates the account.

Each call locks the resident's account row first (``select_for_update`` on
PostgreSQL; on SQLite, ``transaction_mode=IMMEDIATE`` serialises writers), so the
idempotency check, the caps and the balance are read after any concurrent call
for the same resident has committed. Calls join the caller's transaction: if the
caller rolls back, the points were never given.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Site

from core.plugins.context import PluginContext

from .errors import (
    ApprovalRequired,
    CapReached,
    DuplicateKey,
    InsufficientPoints,
    PointsError,
    RuleNotAvailable,
)
from .models import EntryKind, PointAccount, PointEntry
from .rules import EffectiveRule, effective_rule

ACTION_ADJUSTED = "jiayuan.points_adjusted"

__all__ = [
    "ACTION_ADJUSTED", "ApprovalRequired", "CapReached", "DuplicateKey", "InsufficientPoints",
    "PointsError", "RuleNotAvailable", "adjust", "apply_rule", "balance_of", "refund", "spend",
]


def apply_rule(user: Any, rule_code: str, *, key: str, reason: str = "", actor: Any = None,
               target: Any = None, approved: bool = False, site: Site | None = None
               ) -> PointEntry:
    """Award (or, for a negative rule, deduct) a rule's points, once per ``key``.

    Refuses rules of plugins disabled for the resident's grid, inactive rules,
    rules needing approval unless ``approved``, and awards over a daily or monthly
    cap. A deduction takes at most what the balance holds; the entry records what
    was actually deducted. Calling again with the same key returns the first entry.
    """
    site = site or Site.objects.get(is_default_site=True)
    rule = effective_rule(rule_code, site_id=site.pk, grid=user.home_grid)
    _check_available(rule, user, site)
    if rule.needs_approval and not approved:
        raise ApprovalRequired(_("“%(rule)s”需经工作人员审核后计分") % {"rule": rule.label})
    with transaction.atomic():
        account = _locked_account(user)
        existing = _existing(key, user)
        if existing is not None:
            return existing
        if rule.is_deduction:
            amount = -min(-rule.points, account.balance)
            credit_delta = -min(-rule.points, account.credit)
            kind = EntryKind.DEDUCT
        else:
            _check_caps(rule, user)
            amount = credit_delta = rule.points
            kind = EntryKind.AWARD
        return _write(account, kind=kind, amount=amount, credit_delta=credit_delta,
                      rule_code=rule.code, reason=reason or rule.label, actor=actor,
                      target=target, key=key)


def adjust(user: Any, amount: int, *, reason: str, actor: Any, key: str | None = None
           ) -> PointEntry:
    """A staff correction (人工调整): signed, with a mandatory reason, audit-logged."""
    reason = (reason or "").strip()
    if not reason:
        raise PointsError(_("人工调整必须填写事由"))
    if not amount:
        raise PointsError(_("调整分值不能为 0"))
    with transaction.atomic():
        account = _locked_account(user)
        key = key or f"adjust:{user.pk}:{timezone.now().timestamp()}:{actor.pk}"
        existing = _existing(key, user)
        if existing is not None:
            return existing
        balance_delta = amount if amount > 0 else -min(-amount, account.balance)
        credit_delta = amount if amount > 0 else -min(-amount, account.credit)
        entry = _write(account, kind=EntryKind.ADJUST, amount=balance_delta,
                       credit_delta=credit_delta, rule_code="", reason=reason, actor=actor,
                       target=None, key=key)
        log(account, ACTION_ADJUSTED, user=actor,
            data={"amount": amount, "applied": balance_delta, "reason": reason,
                  "entry": entry.pk})
    return entry


def spend(user: Any, amount: int, *, key: str, reason: str, target: Any = None,
          actor: Any = None) -> PointEntry:
    """Take ``amount`` from the spendable balance (redemption); credit is untouched."""
    if amount <= 0:
        raise PointsError(_("兑换所需积分必须大于 0"))
    with transaction.atomic():
        account = _locked_account(user)
        existing = _existing(key, user)
        if existing is not None:
            return existing
        if account.balance < amount:
            raise InsufficientPoints(
                _("积分余额不足：需要 %(need)s 分，当前余额 %(have)s 分")
                % {"need": amount, "have": account.balance}
            )
        return _write(account, kind=EntryKind.REDEEM, amount=-amount, credit_delta=0,
                      rule_code="", reason=reason, actor=actor, target=target, key=key)


def refund(user: Any, amount: int, *, key: str, reason: str, target: Any = None,
           actor: Any = None) -> PointEntry:
    """Give back spent points (a cancelled redemption): a new entry, never an edit."""
    if amount <= 0:
        raise PointsError(_("退还积分必须大于 0"))
    with transaction.atomic():
        account = _locked_account(user)
        existing = _existing(key, user)
        if existing is not None:
            return existing
        return _write(account, kind=EntryKind.REFUND, amount=amount, credit_delta=0,
                      rule_code="", reason=reason, actor=actor, target=target, key=key)


def balance_of(user: Any) -> tuple[int, int]:
    """(积分余额, 累计积分) for a user; (0, 0) before their first entry."""
    row = PointAccount.objects.filter(pk=user.pk).values_list("balance", "credit").first()
    return row or (0, 0)


# --- internals -------------------------------------------------------------------


def _check_available(rule: EffectiveRule, user: Any, site: Site) -> None:
    from core.plugins.host import host

    grid = user.home_grid
    context = PluginContext(host.snapshot(), site.pk, grid.path if grid else None)
    if not rule.active or not context.is_enabled(rule.plugin_slug):
        raise RuleNotAvailable(_("积分规则“%(rule)s”在您所在的区域未启用") % {"rule": rule.label})


def _locked_account(user: Any) -> PointAccount:
    PointAccount.objects.get_or_create(user=user)
    return PointAccount.objects.select_for_update().get(pk=user.pk)


def _existing(key: str, user: Any) -> PointEntry | None:
    entry = PointEntry.objects.filter(key=key).first()
    if entry is not None and entry.user_id != user.pk:
        raise DuplicateKey(_("幂等键已被其他居民使用：%(key)s") % {"key": key})
    return entry


def _period_starts() -> tuple[datetime, datetime]:
    now = timezone.localtime()
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return day, day.replace(day=1)


def _check_caps(rule: EffectiveRule, user: Any) -> None:
    day, month = _period_starts()
    entries = PointEntry.objects.filter(user=user, rule_code=rule.code, kind=EntryKind.AWARD)
    if rule.daily_cap is not None:
        today = entries.filter(created_at__gte=day).aggregate(s=Sum("amount"))["s"] or 0
        if today + rule.points > rule.daily_cap:
            raise CapReached(_("今日“%(rule)s”积分已领取完毕（每日上限 %(cap)s 分）")
                             % {"rule": rule.label, "cap": rule.daily_cap})
    if rule.monthly_cap is not None:
        month_sum = entries.filter(created_at__gte=month).aggregate(s=Sum("amount"))["s"] or 0
        if month_sum + rule.points > rule.monthly_cap:
            raise CapReached(_("本月“%(rule)s”积分已达上限（每月 %(cap)s 分）")
                             % {"rule": rule.label, "cap": rule.monthly_cap})


def _write(account: PointAccount, *, kind: str, amount: int, credit_delta: int,
           rule_code: str, reason: str, actor: Any, target: Any, key: str) -> PointEntry:
    user = account.user
    PointAccount.objects.filter(pk=account.pk).update(
        balance=F("balance") + amount, credit=F("credit") + credit_delta,
        updated_at=timezone.now(),
    )
    grid = user.home_grid
    entry = PointEntry(
        user=user, kind=kind, amount=amount, credit_delta=credit_delta,
        balance_after=account.balance + amount, rule_code=rule_code, reason=str(reason)[:200],
        actor=actor if getattr(actor, "pk", None) else None, key=key,
        grid=grid, grid_path=grid.path if grid else "", household_id=user.household_id,
    )
    if target is not None:
        entry.content_type = ContentType.objects.get_for_model(target)
        entry.object_id = str(target.pk)
    entry.save()
    return entry
