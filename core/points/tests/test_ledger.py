"""The ledger's rules: idempotent, capped, never below zero, append-only."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import ModelLogEntry, Site

from core.points import services
from core.points.models import EntryKind, PointAccount, PointEntry, RuleSetting
from core.points.models.ledger import LedgerIsAppendOnly
from core.points.services import apply_rule, balance_of


@pytest.fixture
def neighbour(make_user, grid_tree, deeds_plugin):
    return make_user("resident", grid=grid_tree["micro"], name="张秀英")


def test_award_moves_balance_and_credit(neighbour):
    entry = apply_rule(neighbour, "deeds.help", key="help:1")
    assert (entry.kind, entry.amount, entry.credit_delta, entry.balance_after) == (
        EntryKind.AWARD, 5, 5, 5)
    assert entry.reason == "邻里互助" and entry.grid_path == neighbour.home_grid.path
    assert balance_of(neighbour) == (5, 5)


def test_same_key_awards_once(neighbour):
    first = apply_rule(neighbour, "deeds.help", key="help:1")
    again = apply_rule(neighbour, "deeds.help", key="help:1")
    assert again.pk == first.pk
    assert PointEntry.objects.count() == 1 and balance_of(neighbour) == (5, 5)


def test_key_of_another_resident_is_refused(neighbour, make_user, grid_tree):
    apply_rule(neighbour, "deeds.help", key="help:1")
    other = make_user("resident", grid=grid_tree["micro"])
    with pytest.raises(services.DuplicateKey):
        apply_rule(other, "deeds.help", key="help:1")


def test_daily_cap_holds_and_writes_nothing(neighbour):
    apply_rule(neighbour, "deeds.help", key="a")
    apply_rule(neighbour, "deeds.help", key="b")
    with pytest.raises(services.CapReached, match="今日“邻里互助”积分已领取完毕"):
        apply_rule(neighbour, "deeds.help", key="c")
    assert PointEntry.objects.count() == 2 and balance_of(neighbour) == (10, 10)


def test_monthly_cap_holds(neighbour, deeds_plugin):
    site = Site.objects.get(is_default_site=True)
    RuleSetting.objects.create(site=site, rule_code="deeds.help", points=5, daily_cap=None,
                               monthly_cap=12)
    apply_rule(neighbour, "deeds.help", key="a")
    apply_rule(neighbour, "deeds.help", key="b")
    with pytest.raises(services.CapReached, match="本月"):
        apply_rule(neighbour, "deeds.help", key="c")


def test_deduction_never_goes_below_zero(neighbour):
    apply_rule(neighbour, "deeds.help", key="a")
    entry = apply_rule(neighbour, "deeds.litter", key="litter:1", reason="楼道乱扔垃圾")
    # −8 asked, 5 held: the entry records what was actually deducted.
    assert (entry.kind, entry.amount, entry.credit_delta) == (EntryKind.DEDUCT, -5, -5)
    assert balance_of(neighbour) == (0, 0)


def test_spending_leaves_credit_and_refund_is_a_new_entry(neighbour):
    apply_rule(neighbour, "deeds.help", key="a")
    apply_rule(neighbour, "deeds.help", key="b")
    services.spend(neighbour, 8, key="order:1", reason="兑换：大米 5 公斤")
    assert balance_of(neighbour) == (2, 10)
    with pytest.raises(services.InsufficientPoints, match="积分余额不足"):
        services.spend(neighbour, 3, key="order:2", reason="兑换：食用油")
    services.refund(neighbour, 8, key="refund:1", reason="取消兑换：大米 5 公斤")
    assert balance_of(neighbour) == (10, 10)
    assert list(PointEntry.objects.order_by("pk").values_list("kind", flat=True)) == [
        "award", "award", "redeem", "refund"]


def test_bad_amounts_are_refused(neighbour, admin_user):
    with pytest.raises(services.PointsError):
        services.spend(neighbour, 0, key="x", reason="无")
    with pytest.raises(services.PointsError):
        services.refund(neighbour, -3, key="y", reason="无")
    with pytest.raises(services.PointsError, match="必须填写事由"):
        services.adjust(neighbour, 5, reason="  ", actor=admin_user)
    assert not PointEntry.objects.exists()


def test_rules_of_a_disabled_plugin_are_refused(neighbour, set_plugin, grid_tree):
    set_plugin("deeds", False, grid=grid_tree["town"])
    with pytest.raises(services.RuleNotAvailable, match="未启用"):
        apply_rule(neighbour, "deeds.help", key="a")


def test_unknown_rule_is_refused(neighbour):
    with pytest.raises(services.PointsError, match="未知的积分规则"):
        apply_rule(neighbour, "deeds.nothing", key="a")


def test_rule_needing_approval(neighbour, admin_user):
    with pytest.raises(services.ApprovalRequired, match="审核"):
        apply_rule(neighbour, "deeds.claim", key="claim:1")
    entry = apply_rule(neighbour, "deeds.claim", key="claim:1", approved=True, actor=admin_user)
    assert entry.amount == 10 and entry.actor == admin_user


def test_nearest_rule_setting_wins(neighbour, grid_tree):
    site = Site.objects.get(is_default_site=True)
    RuleSetting.objects.create(site=site, rule_code="deeds.help", points=7, daily_cap=50)
    RuleSetting.objects.create(site=site, grid=grid_tree["dongzha"], rule_code="deeds.help",
                               points=9, daily_cap=50)
    assert apply_rule(neighbour, "deeds.help", key="a").amount == 9
    RuleSetting.objects.filter(grid=grid_tree["dongzha"]).update(active=False)
    with pytest.raises(services.RuleNotAvailable):
        apply_rule(neighbour, "deeds.help", key="b")


def test_entries_cannot_be_changed_or_deleted(neighbour):
    entry = apply_rule(neighbour, "deeds.help", key="a")
    entry.reason = "改过的事由"
    with pytest.raises(LedgerIsAppendOnly):
        entry.save()
    with pytest.raises(LedgerIsAppendOnly):
        entry.delete()
    with pytest.raises(LedgerIsAppendOnly):
        PointEntry.objects.filter(pk=entry.pk).update(amount=500)
    with pytest.raises(LedgerIsAppendOnly):
        PointEntry.objects.all().delete()


def test_award_rolls_back_with_the_caller(neighbour):
    with pytest.raises(RuntimeError), transaction.atomic():
        apply_rule(neighbour, "deeds.help", key="a")
        raise RuntimeError("the caller failed after awarding")
    assert not PointEntry.objects.exists() and balance_of(neighbour) == (0, 0)


def test_adjustment_is_audited(neighbour, admin_user):
    entry = services.adjust(neighbour, -3, reason="重复申领，予以纠正", actor=admin_user)
    assert entry.amount == 0  # nothing to take yet: the balance stays at zero
    services.adjust(neighbour, 20, reason="补录2026年11月志愿服务", actor=admin_user, key="k1")
    assert balance_of(neighbour) == (20, 20)
    logged = ModelLogEntry.objects.filter(action=services.ACTION_ADJUSTED)
    assert logged.count() == 2 and logged.first().user_id == admin_user.pk


def test_verify_reports_drift(neighbour, capsys):
    apply_rule(neighbour, "deeds.help", key="a")
    call_command("points", "verify")
    assert "no drift" in capsys.readouterr().out
    PointAccount.objects.filter(pk=neighbour.pk).update(balance=99)
    with pytest.raises(SystemExit) as exit_info:
        call_command("points", "verify")
    assert exit_info.value.code == 1
    assert "stored 99 ledger 5" in capsys.readouterr().out


def test_rules_command_lists_declared_rules(deeds_plugin, capsys):
    call_command("points", "rules")
    out = capsys.readouterr().out
    assert "deeds.help" in out and "邻里互助" in out and "需审核" in out
