"""The resident's directory page, its API, the home panel and search."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plugins.hotline.models import Category, HotlineEntry

pytestmark = pytest.mark.django_db


def test_resident_sees_city_wide_and_own_community_numbers(client, resident, entries,
                                                          set_plugin):
    set_plugin("hotline", True)
    client.force_login(resident)
    page = client.get("/hotline/").content.decode()
    assert "嘉兴96345便民服务热线" in page and 'href="tel:96345"' in page
    assert "东栅社区工作站" in page and 'href="tel:057380643929"' in page
    assert "新兴社区工作站" not in page  # another community's number
    # Sections follow the category order: emergencies first.
    assert page.index("紧急求助") < page.index("便民服务") < page.index("社区网格")


def test_resident_sees_own_grid_heads_with_one_tap_call(client, resident, entries, set_plugin):
    set_plugin("hotline", True)
    client.force_login(resident)
    page = client.get("/hotline/").content.decode()
    assert "王丽娟" in page and 'href="tel:13800001111"' in page  # 网格长 of 东栅第一网格
    assert "沈建华" in page and 'href="tel:057382001234"' in page  # 东栅社区 head
    assert page.index("王丽娟") < page.index("沈建华")  # nearest first


def test_visitor_sees_city_wide_numbers_only(client, entries, set_plugin):
    set_plugin("hotline", True)
    page = client.get("/hotline/").content.decode()
    assert "报警" in page and "东栅社区工作站" not in page
    assert 'data-testid="grid-contacts"' not in page


def test_404_when_disabled_for_the_residents_county(client, resident, make_user, grid_tree,
                                                    entries, set_plugin):
    set_plugin("hotline", True)
    set_plugin("hotline", False, grid=grid_tree["nanhu"])
    client.force_login(resident)
    assert client.get("/hotline/").status_code == 404
    assert client.get("/api/hotline/").status_code == 404
    client.force_login(make_user("resident", grid=grid_tree["wangdian"]))
    assert client.get("/hotline/").status_code == 200
    assert client.get("/api/hotline/").status_code == 200


def test_404_when_disabled_site_wide(client, set_plugin):
    set_plugin("hotline", False)
    assert client.get("/hotline/").status_code == 404
    assert client.get("/api/hotline/").status_code == 404


def test_api_lists_groups_and_grid_contacts(client, resident, entries, set_plugin):
    set_plugin("hotline", True)
    client.force_login(resident)
    data = client.get("/api/hotline/").json()
    codes = [group["code"] for group in data["groups"]]
    assert codes == ["emergency", "service", "utility", "community"]
    community = data["groups"][-1]["entries"]
    assert [e["name"] for e in community] == ["东栅社区工作站"]
    assert community[0]["tel_link"] == "tel:057380643929"
    assert community[0]["grid_name"] == "东栅社区"
    assert data["grid_contacts"][0] == {
        "role": "网格长", "name": "王丽娟", "grid_name": "东栅第一网格",
        "phone": "13800001111", "tel_link": "tel:13800001111",
    }


def test_api_is_open_to_visitors(client, entries, set_plugin):
    set_plugin("hotline", True)
    data = client.get("/api/hotline/").json()
    names = [e["name"] for group in data["groups"] for e in group["entries"]]
    assert "报警" in names and "东栅社区工作站" not in names
    assert data["grid_contacts"] == []


def test_home_panel_shows_the_top_three_numbers(client, resident, entries, home_page,
                                                set_plugin):
    set_plugin("hotline", True)
    client.force_login(resident)
    page = client.get("/").content.decode()
    assert "一键拨号" in page
    panel = page[page.index('data-testid="hotline-panel"'):]
    panel = panel[:panel.index("</ul>")]
    assert 'href="tel:96345"' in panel and 'href="tel:110"' in panel and 'href="tel:120"' in panel
    assert "95598" not in panel


def test_home_panel_gone_when_disabled(client, resident, entries, home_page, set_plugin):
    set_plugin("hotline", False)
    client.force_login(resident)
    assert "一键拨号" not in client.get("/").content.decode()


def test_search_finds_visible_numbers(client, resident, entries, home_page, set_plugin):
    set_plugin("hotline", True)
    client.force_login(resident)
    page = client.get("/search/", {"q": "停电报修"}).content.decode()
    assert "国网供电服务热线 95598" in page and "便民热线" in page
    assert f"/hotline/#hotline-{entries['95598'].pk}" in page
    page = client.get("/search/", {"q": "社区工作站"}).content.decode()
    assert "东栅社区工作站" in page and "新兴社区工作站" not in page


def test_search_hides_numbers_when_disabled(client, resident, entries, home_page, set_plugin):
    set_plugin("hotline", False)
    client.force_login(resident)
    assert "95598" not in client.get("/search/", {"q": "停电报修"}).content.decode()


def _add_numbers(count: int, grid) -> None:
    HotlineEntry.objects.bulk_create(
        HotlineEntry(category=list(Category.values)[n % 5], name=f"测试热线{n}",
                     number=f"0573-8{n:07d}", sort_order=500 + n, grid=grid if n % 2 else None)
        for n in range(count)
    )


def _count(client, path: str) -> int:
    client.get(path)  # warm the plugin snapshot and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/hotline/", "/api/hotline/"])
def test_query_count_does_not_grow_with_rows(path, client, resident, grid_tree, entries,
                                             set_plugin, django_assert_max_num_queries):
    set_plugin("hotline", True)
    client.force_login(resident)
    few = _count(client, path)
    _add_numbers(60, grid_tree["grid1"])
    with django_assert_max_num_queries(few):
        assert client.get(path).status_code == 200
    assert "测试热线59" in client.get(path).content.decode()
