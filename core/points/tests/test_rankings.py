"""排行榜: correct totals per resident, household, grid and village; scoped; masked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.identity.models import Household
from core.points import rankings
from core.points.masking import mask_name
from core.points.rankings import Board, NoRegion, Period, ranking
from core.points.services import adjust, spend


@pytest.mark.parametrize("name, masked", [
    ("张秀英", "张*英"), ("李梅", "李*"), ("欧阳娜娜", "欧**娜"), ("王", "王"), ("", ""),
    (" 赵远方 ", "赵*方"),
])
def test_mask_name(name, masked):
    assert mask_name(name) == masked


@pytest.fixture
def town(make_user, grid_tree, admin_user):
    """Five residents: four in 新嘉街道 (two communities), one in 王店镇 (another county)."""
    h1 = Household.objects.create(number="DZ-0101", address="东栅路18号", grid=grid_tree["grid1"])
    h2 = Household.objects.create(number="XX-0203", address="新兴路2号", grid=grid_tree["xgrid"])
    people = {
        "a": make_user("resident", grid=grid_tree["micro"], name="张秀英", household=h1),
        "b": make_user("resident", grid=grid_tree["micro"], name="王建国", household=h1),
        "c": make_user("resident", grid=grid_tree["grid1"], name="李梅"),
        "d": make_user("resident", grid=grid_tree["xgrid"], name="赵远方", household=h2),
        "e": make_user("resident", grid=grid_tree["wangdian"], name="杨伟"),
    }
    for who, amount in (("a", 30), ("b", 10), ("c", 25), ("d", 20), ("e", 100)):
        adjust(people[who], amount, reason="志愿服务", actor=admin_user, key=f"t:{who}")
    adjust(people["c"], -5, reason="楼道堆放杂物", actor=admin_user, key="t:c-")
    spend(people["a"], 20, key="order:a", reason="兑换大米")  # spending keeps the rank
    return people


def rows(result):
    return [(row.rank, row.label, row.total) for row in result.rows]


def test_residents_in_the_viewers_town_masked_with_ties(town):
    result = ranking(Board.RESIDENTS, Period.MONTH, viewer=town["a"])
    assert result.region.name == "新嘉街道"
    assert rows(result) == [(1, "张*英", 30), (2, "李*", 20), (2, "赵*方", 20), (4, "王*国", 10)]
    assert result.me.rank == 1 and result.me.is_me and result.rows[0].is_me
    assert rows(ranking(Board.RESIDENTS, Period.YEAR, viewer=town["a"])) == rows(result)


def test_households_grids_and_villages(town):
    viewer = town["d"]
    assert rows(ranking(Board.HOUSEHOLDS, Period.MONTH, viewer=viewer)) == [
        (1, "DZ-0101", 40), (2, "XX-0203", 20)]
    grids = ranking(Board.GRIDS, Period.MONTH, viewer=viewer)
    assert rows(grids) == [(1, "东栅第一网格", 60), (2, "新兴第一网格", 20)]
    assert grids.me.rank == 2 and grids.me.label == "新兴第一网格"
    villages = ranking(Board.VILLAGES, Period.YEAR, viewer=viewer)
    assert rows(villages) == [(1, "东栅社区", 60), (2, "新兴社区", 20)]


def test_staff_see_their_scope_and_superusers_everything(town, grid_worker, admin_user):
    scoped = ranking(Board.RESIDENTS, Period.MONTH, viewer=grid_worker)
    assert scoped.region.name == "东栅第一网格"
    assert [row.label for row in scoped.rows] == ["张*英", "李*", "王*国"]
    assert scoped.me is None
    everyone = ranking(Board.RESIDENTS, Period.MONTH, viewer=admin_user)
    assert everyone.region is None and everyone.rows[0].label == "杨*"
    assert rows(ranking(Board.VILLAGES, Period.MONTH, viewer=admin_user))[0] == (
        1, "东栅社区", 60)


def test_own_rank_outside_the_top(town, monkeypatch):
    monkeypatch.setattr(rankings, "TOP", 1)
    result = ranking(Board.RESIDENTS, Period.MONTH, viewer=town["b"])
    assert rows(result) == [(1, "张*英", 30)]
    assert (result.me.rank, result.me.label, result.me.total, result.me.is_me) == (
        4, "王*国", 10, True)
    tied = ranking(Board.RESIDENTS, Period.MONTH, viewer=town["d"])
    assert (tied.me.rank, tied.me.total) == (2, 20)
    household = ranking(Board.HOUSEHOLDS, Period.MONTH, viewer=town["d"])
    assert (household.me.rank, household.me.label) == (2, "XX-0203")
    village = ranking(Board.VILLAGES, Period.MONTH, viewer=town["d"])
    assert (village.me.rank, village.me.label, village.me.total) == (2, "新兴社区", 20)


def test_periods_split_by_entry_time(town, admin_user, monkeypatch):
    now = timezone.now()
    last_year = now - timedelta(days=400)
    monkeypatch.setattr(timezone, "now", lambda: last_year)
    adjust(town["b"], 500, reason="去年的志愿服务", actor=admin_user, key="t:old")
    monkeypatch.undo()
    assert rows(ranking(Board.RESIDENTS, Period.YEAR, viewer=town["a"]))[0] == (1, "张*英", 30)
    at = timezone.localtime(last_year).date()
    old = ranking(Board.RESIDENTS, Period.YEAR, viewer=town["a"], at=at)
    assert rows(old) == [(1, "王*国", 500)] and old.me is None
    assert rows(ranking(Board.RESIDENTS, Period.MONTH, viewer=town["a"], at=at)) == [
        (1, "王*国", 500)]


def test_viewer_without_a_grid(make_user):
    with pytest.raises(NoRegion):
        ranking(Board.RESIDENTS, Period.MONTH, viewer=make_user("resident"))


def test_rankings_page(client, town):
    client.force_login(town["a"])
    page = client.get("/points/rankings/").content.decode()
    assert "张*英" in page and "赵*方" in page and "杨*" not in page
    assert "张秀英" not in page and "新嘉街道" in page and "我的排名：第 1 名，30 分" in page
    page = client.get("/points/rankings/?board=villages&period=year").content.decode()
    assert "东栅社区" in page and "新兴社区" in page
    page = client.get("/points/rankings/?board=bogus&period=bogus&at=1999-13").content.decode()
    assert "张*英" in page  # bad parameters fall back to this month's residents


def test_rankings_page_without_a_grid(client, make_user):
    client.force_login(make_user("resident"))
    page = client.get("/points/rankings/").content.decode()
    assert 'data-testid="ranking-no-region"' in page


def test_query_count_is_constant(client, town, make_user, grid_tree, admin_user):
    def queries(board: str) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(f"/points/rankings/?board={board}").status_code == 200
        return len(context.captured_queries)

    def add_residents(start: int, count: int) -> None:
        for n in range(start, start + count):
            user = make_user("resident", grid=grid_tree["xgrid"], name=f"居民{n}")
            adjust(user, 40 + n, reason="志愿服务", actor=admin_user, key=f"bulk:{n}")

    client.force_login(town["b"])
    client.get("/points/rankings/")  # warm up the plugin snapshot and site caches
    in_top = queries(Board.RESIDENTS)
    add_residents(0, 25)  # the viewer drops out of the top 20: two queries for their rank
    before = {board: queries(board) for board in Board.values}
    assert before[Board.RESIDENTS] == in_top + 2
    add_residents(25, 25)
    after = {board: queries(board) for board in Board.values}
    assert before == after
    assert max(after.values()) <= 10
