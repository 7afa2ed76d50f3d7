"""Residents read the news of their grid chain and the whole site; nothing else."""

from __future__ import annotations

import pytest

from plugins.villagenews.services import news_visible_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def targeted(grid_tree, publish_news):
    """One news item per target, named after it, plus a whole-site one."""
    targets = ["micro", "dongzha", "town", "nanhu", "xinxing", "xiuzhou", "wangdian"]
    news = {key: publish_news(f"{grid_tree[key].name}动态", grid_tree[key]) for key in targets}
    news["site"] = publish_news("全市网格走访月启动")
    return news


def test_visible_news_follow_the_grid_chain(targeted, resident):
    visible = set(news_visible_to(resident.home_grid).values_list("pk", flat=True))
    expected = {"micro", "dongzha", "town", "nanhu", "site"}
    assert visible == {targeted[key].pk for key in expected}
    assert list(news_visible_to(None)) == [targeted["site"]]


def test_index_page_lists_news_in_scope_only(client, enabled, targeted, resident, news_index):
    client.force_login(resident)
    for url in (news_index.url, "/villagenews/"):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "东栅社区动态" in page and "南湖区动态" in page and "全市网格走访月启动" in page
        assert "新兴社区动态" not in page  # a sibling community
        assert "秀洲区动态" not in page and "王店镇动态" not in page  # another county


def test_the_tile_url_is_the_index_page_url(enabled, news_index):
    # The index page's slug is the plugin slug, so the tile's /villagenews/ is its URL.
    assert news_index.url == "/villagenews/"


def test_list_is_newest_first_and_paginated(client, enabled, resident, publish_news):
    for day in range(12):
        publish_news(f"第{day:02d}天前的动态", days_ago=day)
    client.force_login(resident)
    first = client.get("/villagenews/").content.decode()
    assert first.index("第00天前的动态") < first.index("第01天前的动态")
    assert "第10天前的动态" not in first and 'rel="next"' in first
    second = client.get("/villagenews/?page=2").content.decode()
    assert "第10天前的动态" in second and "第11天前的动态" in second


def test_news_page_renders_with_scope_tags_and_cover(client, enabled, resident, grid_tree,
                                                    publish_news, make_image):
    news = publish_news("东栅社区烟感报警器安装完成", grid_tree["dongzha"],
                        summary="为独居老人免费安装", tags=("平安建设",), cover=make_image())
    client.force_login(resident)
    response = client.get(news.url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "东栅社区烟感报警器安装完成" in page and "为独居老人免费安装" in page
    assert 'data-testid="villagenews-scope">东栅社区<' in page
    assert "#平安建设" in page and "<img" in page
    listing = client.get("/villagenews/").content.decode()
    assert 'class="vn-thumb"' in listing


def test_hidden_news_is_404_by_direct_url(client, enabled, targeted, resident):
    client.force_login(resident)
    assert client.get(targeted["dongzha"].url).status_code == 200
    assert client.get(targeted["xinxing"].url).status_code == 404
    client.logout()
    assert client.get(targeted["dongzha"].url).status_code == 404
    assert client.get(targeted["site"].url).status_code == 200


def test_404_when_disabled_for_the_residents_county(client, enabled, set_plugin, targeted,
                                                   resident, make_user, grid_tree, news_index):
    set_plugin("villagenews", False, grid=grid_tree["nanhu"])
    client.force_login(resident)
    for url in ("/villagenews/", targeted["site"].url, targeted["dongzha"].url,
                "/api/villagenews/"):
        assert client.get(url).status_code == 404, url
    # 秀洲区 is not affected.
    client.force_login(make_user("resident", grid=grid_tree["wangdian"]))
    assert client.get("/villagenews/").status_code == 200
    assert client.get(targeted["wangdian"].url).status_code == 200


def test_404_when_disabled_site_wide(client, set_plugin, targeted, resident):
    set_plugin("villagenews", False)
    client.force_login(resident)
    assert client.get("/villagenews/").status_code == 404
    assert client.get(targeted["site"].url).status_code == 404


def test_tag_filter(client, enabled, resident, publish_news):
    publish_news("桶边督导第一周", tags=("垃圾分类",))
    publish_news("文化礼堂村晚", tags=("文化礼堂",))
    client.force_login(resident)
    page = client.get("/villagenews/", {"tag": "垃圾分类"}).content.decode()
    assert "桶边督导第一周" in page and "文化礼堂村晚" not in page
    assert 'data-testid="tag-filter"' in page


def test_list_without_index_page_still_answers(client, enabled, resident, home_page):
    client.force_login(resident)
    response = client.get("/villagenews/")
    assert response.status_code == 200
    assert "暂无村情动态" in response.content.decode()


def test_private_index_page_is_not_bypassed_by_the_plugin_route(client, enabled, news_index):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=news_index, restriction_type="login")
    response = client.get("/villagenews/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_list_query_count_does_not_grow_with_rows(client, enabled, resident, grid_tree,
                                                 publish_news, make_image,
                                                 django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(count: int) -> None:
        for n in range(count):
            publish_news(f"动态{n}", grid_tree["dongzha"], tags=("志愿服务", f"标签{n}"),
                         cover=make_image())

    client.force_login(resident)
    add(2)
    client.get("/villagenews/")  # warm: renditions, site root paths, plugin snapshot
    with CaptureQueriesContext(connection) as few:
        assert client.get("/villagenews/").status_code == 200
    baseline = len(few)
    assert baseline > 0
    add(8)
    client.get("/villagenews/")
    with django_assert_max_num_queries(baseline):
        page = client.get("/villagenews/").content.decode()
    assert page.count('data-testid="villagenews-item"') == 10
