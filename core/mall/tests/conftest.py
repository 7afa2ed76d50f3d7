"""Mall fixtures: a 东栅 points shop, residents with points, staff of two regions.

grid_tree: 嘉兴市 > 南湖区 > 新嘉街道 > 东栅社区 > 东栅第一网格 > 微网格, and 新兴社区.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from core.mall.models import ItemCategory, MallItem
from core.points.services import adjust


@pytest.fixture(autouse=True)
def _db(db):
    """Every mall test touches the database."""


@pytest.fixture
def fund(admin_user) -> Callable[[Any, int], Any]:
    """fund(user, points): an opening balance through the real ledger."""
    counter = {"n": 0}

    def give(user: Any, points: int) -> Any:
        counter["n"] += 1
        return adjust(user, points, reason="期初积分", actor=admin_user,
                      key=f"test-fund:{user.pk}:{counter['n']}")

    return give


@pytest.fixture
def make_item(grid_tree) -> Callable[..., MallItem]:
    """make_item(name="大米 5 公斤", price=50, stock=10, grid=<东栅社区>, **fields)."""

    def make(name: str = "大米 5 公斤", price: int = 50, stock: int = 10, **fields: Any):
        fields.setdefault("grid", grid_tree["dongzha"])
        fields.setdefault("category", ItemCategory.GOODS)
        fields.setdefault("location", "东栅社区积分超市")
        return MallItem.objects.create(name=name, price=price, stock=stock, **fields)

    return make


@pytest.fixture
def rice(make_item) -> MallItem:
    return make_item()


@pytest.fixture
def soap(make_item) -> MallItem:
    return make_item("洗衣皂", price=5, stock=100, per_person_limit=3)


@pytest.fixture
def neighbour(make_user, grid_tree, fund):
    """A verified resident of 东栅一网格1号微网格 with 100 points."""
    user = make_user("resident", grid=grid_tree["micro"], name="李梅", mobile="13911110001")
    fund(user, 100)
    return user


@pytest.fixture
def elder(make_user, grid_tree):
    """An elderly neighbour with no points: the recipient of a gift."""
    return make_user("resident", grid=grid_tree["micro"], name="张秀英", mobile="13911110002")


@pytest.fixture
def far_resident(make_user, grid_tree, fund):
    """A resident of 新兴第一网格 (another community) with 100 points."""
    user = make_user("resident", grid=grid_tree["xgrid"], name="赵远方", mobile="13911110003")
    fund(user, 100)
    return user


@pytest.fixture
def cadre(make_user, grid_tree):
    """A 东栅社区 cadre: runs the community's points shop."""
    return make_user("cadre", grid=grid_tree["micro"], scope=grid_tree["dongzha"], name="朱丽萍")


@pytest.fixture
def other_worker(make_user, grid_tree):
    """A grid worker of 新兴第一网格: must verify nothing of 东栅."""
    return make_user("grid_worker", grid=grid_tree["xgrid"], scope=grid_tree["xgrid"],
                     name="钱晓东")


@pytest.fixture
def past() -> Any:
    return timezone.now() - timedelta(days=1)


@pytest.fixture
def future() -> Any:
    return timezone.now() + timedelta(days=30)
