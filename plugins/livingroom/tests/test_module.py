"""Feed pages: constant queries, 热门 order, home panel, 我的, search, disabled → 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plugins.livingroom import services
from plugins.livingroom.models import Like

pytestmark = pytest.mark.usefixtures("livingroom_on")


def _posts(make_post, author, count: int, start: int = 0) -> list:
    return [make_post(title=f"垃圾分类第{i}问", body=f"第{i}个问题", author=author)
            for i in range(start, start + count)]


def test_feed_queries_do_not_grow_with_posts(client, resident, neighbours, make_post,
                                             django_assert_max_num_queries):
    client.force_login(resident)
    _posts(make_post, neighbours[0], 3)
    client.get(reverse("livingroom:index"))  # warm caches (permissions, site)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("livingroom:index"))
    _posts(make_post, neighbours[1], 12, start=3)
    for post in services.feed(resident, resident.home_grid.get_parent().get_parent(), "new"):
        services.like(neighbours[2], post)  # liked, so every like button shows its state
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("livingroom:index"))
    assert response.content.decode().count('data-testid="post"') == 15


def test_hot_order_by_likes(client, resident, neighbours, make_post):
    quiet = make_post(title="小区绿化建议", author=neighbours[0])
    popular = make_post(title="停车难怎么办", author=neighbours[1])
    for person in (resident, neighbours[2], neighbours[3]):
        services.like(person, popular)
    services.like(resident, quiet)
    client.force_login(resident)
    page = client.get(reverse("livingroom:index"), {"order": "hot"}).content.decode()
    assert page.index("停车难怎么办") < page.index("小区绿化建议")
    assert Like.objects.count() == 4


def test_home_panel_my_link_and_search(client, resident, neighbours, make_post):
    from django.test import RequestFactory

    from core.plugins.middleware import plugin_context_for

    post = make_post(title="电动车充电桩排队", author=neighbours[0])
    request = RequestFactory().get("/")
    request.user = resident
    request.plugins = plugin_context_for(request)
    panels = [p for slug, ps in request.plugins.call("home_panels", request=request,
                                                     grid=resident.home_grid)
              if slug == "livingroom" for p in ps]
    assert "电动车充电桩排队" in panels[0].html
    links = [link for slug, ls in request.plugins.call("user_center_links", request=request,
                                                       user=resident)
             if slug == "livingroom" for link in ls]
    assert links[0].label == "我的帖子"
    hits = [h for slug, hs in request.plugins.call("search", request=request, query="充电桩",
                                                   terms=["充电桩"])
            if slug == "livingroom" for h in hs]
    assert [h.url for h in hits] == [post.get_absolute_url()]


def test_search_skips_hidden_and_other_communities(resident, outsider, make_post, dictionary):
    from django.test import RequestFactory

    from core.plugins.middleware import plugin_context_for

    make_post(title="充电卡转让", body="加微信")  # held
    request = RequestFactory().get("/")
    for user in (resident, outsider):
        request.user = user
        request.plugins = plugin_context_for(request)
        hits = [h for slug, hs in request.plugins.call("search", request=request, query="充电卡",
                                                       terms=["充电卡"])
                if slug == "livingroom" for h in hs]
        assert hits == []


def test_disabled_plugin_is_gone(client, resident, set_plugin):
    set_plugin("livingroom", False)
    client.force_login(resident)
    assert client.get(reverse("livingroom:index")).status_code == 404
    assert client.get("/api/livingroom/posts/").status_code == 404
