"""Site search finds Chinese words inside longer runs, only in visible notices, plus plugins."""

from __future__ import annotations

import pytest

from core.plugins.hookspecs import hookimpl
from core.plugins.manifest import PluginManifest
from core.plugins.types import SearchHit
from core.search.services import query_terms

pytestmark = pytest.mark.django_db


class HotlineSearch:
    """A fake plugin that finds its hotlines by any query term."""

    @hookimpl
    def search(self, request, query, terms):
        entries = {"网格": "网格服务热线 0573-82001234", "兑换": "积分兑换咨询电话"}
        return [SearchHit(title=title, url="/hotline/", summary="工作日 8:30–17:00",
                          kind="便民热线", score=1.0)
                for word, title in entries.items() if word in terms]


class NotAList:
    @hookimpl
    def search(self, request, query, terms):
        return 42


@pytest.fixture
def notices(grid_tree, publish_notice):
    return {
        "guide": publish_notice("社区网格员工作指南", grid_tree["dongzha"]),
        "points": publish_notice("积分兑换规则说明", summary="每月 1 日起可兑换生活用品"),
        "sorting": publish_notice("垃圾分类 宣传 活动", grid_tree["micro"]),
        "hidden": publish_notice("新兴社区网格巡查安排", grid_tree["xinxing"]),
    }


def titles(response) -> list[str]:
    return [hit["title"] for hit in response.json()["results"]]


def test_query_terms_drop_lone_function_characters():
    words = query_terms("社区的网格员")
    assert "的" not in words and {"社区", "网格"} <= set(words)
    assert query_terms("的") == ["的"]


@pytest.mark.parametrize(("query", "expected"), [
    ("网格", "社区网格员工作指南"),
    ("兑换", "积分兑换规则说明"),
    ("积分", "积分兑换规则说明"),
    ("生活用品", "积分兑换规则说明"),
    ("垃圾分类", "垃圾分类 宣传 活动"),
    ("网格员的工作", "社区网格员工作指南"),
])
def test_finds_words_inside_longer_runs(client, resident, notices, query, expected):
    client.force_login(resident)
    assert expected in titles(client.get("/api/search/", {"q": query}))


def test_only_notices_visible_to_the_reader(client, resident, notices):
    client.force_login(resident)
    found = titles(client.get("/api/search/", {"q": "网格"}))
    assert found == ["社区网格员工作指南"]
    client.logout()
    assert titles(client.get("/api/search/", {"q": "网格"})) == []
    assert titles(client.get("/api/search/", {"q": "兑换"})) == ["积分兑换规则说明"]


def test_falls_back_to_any_word_when_all_words_match_nothing(client, resident, notices):
    client.force_login(resident)
    assert "社区网格员工作指南" in titles(client.get("/api/search/", {"q": "网格 火箭"}))


def test_plugin_hits_appear_with_their_kind(client, resident, notices, register_temporarily):
    register_temporarily(PluginManifest(slug="helpline", label="便民热线", label_en="Hotlines",
                                        version="1.0"), HotlineSearch())
    register_temporarily(PluginManifest(slug="oddity", label="异常应用", label_en="Oddity",
                                        version="1.0"), NotAList())
    client.force_login(resident)
    results = client.get("/api/search/", {"q": "网格"}).json()["results"]
    assert [(hit["title"], hit["kind"]) for hit in results] == [
        ("社区网格员工作指南", "通知公告"), ("网格服务热线 0573-82001234", "便民热线")]
    page = client.get("/search/", {"q": "网格"}).content.decode()
    assert 'data-testid="hit-kind">便民热线<' in page and 'data-testid="hit-kind">通知公告<' in page


def test_disabled_plugin_contributes_nothing(client, resident, notices, register_temporarily,
                                             set_plugin):
    register_temporarily(PluginManifest(slug="helpline", label="便民热线", label_en="Hotlines",
                                        version="1.0"), HotlineSearch())
    set_plugin("helpline", False)
    client.force_login(resident)
    assert "网格服务热线 0573-82001234" not in titles(client.get("/api/search/", {"q": "网格"}))


def test_empty_query_shows_suggestions(client, resident):
    client.force_login(resident)
    page = client.get("/search/").content.decode()
    assert 'data-testid="search-empty"' in page and "垃圾分类" in page
    data = client.get("/api/search/", {"q": "  "}).json()
    assert data["count"] == 0 and data["results"] == []


def test_no_results_message(client, resident, notices):
    client.force_login(resident)
    page = client.get("/search/", {"q": "航天发射"}).content.decode()
    assert "没有找到与“航天发射”相关的内容" in page


def test_results_paginate(client, resident, grid_tree, publish_notice):
    for n in range(13):
        publish_notice(f"第{n}期网格简报", grid_tree["grid1"])
    client.force_login(resident)
    data = client.get("/api/search/", {"q": "网格"}).json()
    assert data["count"] == 13 and len(data["results"]) == 10 and data["next"]
    assert data["terms"] == ["网格"]
    page = client.get("/search/", {"q": "网格", "page": 2}).content.decode()
    assert page.count('data-testid="search-hit"') == 3
    assert "q=%E7%BD%91%E6%A0%BC&amp;page=1" in page
