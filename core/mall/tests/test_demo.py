"""load_demo_mall(): realistic items and benefits, idempotent, edits survive a re-run."""

from __future__ import annotations

from django.core.management import call_command

from core.mall.demo import load_demo_mall
from core.mall.models import CreditBenefit, MallItem, Order


def test_demo_is_idempotent_and_keeps_edits(grid_tree):
    first = load_demo_mall()
    assert (first.items, first.benefits) == (8, 5)
    names = set(MallItem.objects.values_list("name", flat=True))
    assert {"大米 5 公斤", "食用油 5 升", "洗衣皂", "南湖景区游船票", "月河历史街区公共停车 2 小时",
            "社区文体活动票", "家电维修上门服务（96345）"} <= names
    prices = dict(MallItem.objects.values_list("name", "price"))
    assert (prices["洗衣皂"], prices["大米 5 公斤"], prices["食用油 5 升"]) == (5, 50, 85)
    # 南湖区 exists in the test tree; other codes fall back to site-wide.
    assert MallItem.objects.get(name="南湖景区游船票").grid == grid_tree["nanhu"]
    MallItem.objects.filter(name="大米 5 公斤").update(stock=3)
    second = load_demo_mall()
    assert (second.items, second.benefits, second.orders) == (0, 0, 0)
    assert MallItem.objects.count() == 8 and CreditBenefit.objects.count() == 5
    assert MallItem.objects.get(name="大米 5 公斤").stock == 3
    assert "gift" in second.skipped[0]  # no demo residents in this database


def test_demo_gift_for_an_elderly_neighbour(make_user, grid_tree, fund, capsys):
    giver = make_user("resident", grid=grid_tree["micro"], mobile="13900000003", name="李梅")
    elder = make_user("resident", grid=grid_tree["micro"], mobile="13900000001", name="张秀英")
    fund(giver, 12)
    call_command("mall", "demo")
    assert "gift orders: 1" in capsys.readouterr().out
    order = Order.objects.get()
    assert (order.resident, order.recipient, order.item.name, order.quantity) == (
        giver, elder, "洗衣皂", 2)
    call_command("mall", "demo")
    assert Order.objects.count() == 1
