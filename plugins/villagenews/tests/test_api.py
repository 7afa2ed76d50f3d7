"""GET /api/villagenews/: the same scoping as the pages, as JSON."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(grid_tree, publish_news, make_image):
    return {
        "site": publish_news("全市网格走访月", summary="组团服务进网格", days_ago=1),
        "dongzha": publish_news("东栅社区烟感安装", grid_tree["dongzha"], tags=("平安建设",),
                                cover=make_image(), days_ago=0),
        "xinxing": publish_news("新兴社区议事会", grid_tree["xinxing"]),
        "wangdian": publish_news("王店镇文化礼堂村晚", grid_tree["wangdian"]),
    }


def test_list_is_scoped_to_the_residents_chain(client, enabled, resident, news):
    client.force_login(resident)
    data = client.get("/api/villagenews/").json()
    assert data["count"] == 2
    first, second = data["results"]
    assert first["title"] == "东栅社区烟感安装"  # newest date first
    assert first["target_grid"] == "东栅社区" and first["tags"] == ["平安建设"]
    assert first["cover"].endswith(".png") and first["url"] == news["dongzha"].url
    assert second["title"] == "全市网格走访月" and second["target_grid"] is None


def test_visitor_gets_whole_site_news_only(client, enabled, news):
    data = client.get("/api/villagenews/").json()
    assert [item["title"] for item in data["results"]] == ["全市网格走访月"]


def test_detail_has_body_and_hides_other_grids(client, enabled, resident, news):
    client.force_login(resident)
    detail = client.get(f"/api/villagenews/{news['dongzha'].pk}/").json()
    assert "<p>东栅社区烟感安装</p>" in detail["body"]
    assert client.get(f"/api/villagenews/{news['xinxing'].pk}/").status_code == 404
    assert client.get(f"/api/villagenews/{news['wangdian'].pk}/").status_code == 404


def test_api_404_when_disabled(client, set_plugin, resident, news):
    set_plugin("villagenews", False)
    client.force_login(resident)
    assert client.get("/api/villagenews/").status_code == 404
    assert client.get(f"/api/villagenews/{news['site'].pk}/").status_code == 404


def test_api_is_in_the_openapi_schema(client, enabled, admin_user):
    client.force_login(admin_user)
    schema = client.get("/api/schema/").content.decode()
    assert "/api/villagenews/" in schema and "/api/villagenews/{id}/" in schema
