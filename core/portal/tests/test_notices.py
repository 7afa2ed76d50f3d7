"""Notices reach the grid they target and everything below it, and nothing else."""

from __future__ import annotations

import pytest

from core.portal.models import notices_visible_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def targeted(grid_tree, publish_notice):
    """One notice per target, named after it."""
    targets = ["micro", "grid1", "dongzha", "town", "nanhu", "city", "xinxing", "xiuzhou"]
    notices = {key: publish_notice(f"致{grid_tree[key].name}的通知", grid_tree[key])
               for key in targets}
    notices["site"] = publish_notice("全站通知：系统升级公告")
    return notices


def test_resident_sees_own_chain_and_site_wide(targeted, resident):
    visible = set(notices_visible_to(resident.home_grid).values_list("pk", flat=True))
    expected = {"micro", "grid1", "dongzha", "town", "nanhu", "city", "site"}
    assert visible == {targeted[key].pk for key in expected}


def test_resident_does_not_see_sibling_community_or_other_county(targeted, resident):
    visible = set(notices_visible_to(resident.home_grid).values_list("pk", flat=True))
    assert targeted["xinxing"].pk not in visible
    assert targeted["xiuzhou"].pk not in visible


def test_anonymous_sees_only_site_wide(targeted):
    assert list(notices_visible_to(None)) == [targeted["site"]]


def test_index_page_lists_visible_notices(client, targeted, resident, notice_index):
    client.force_login(resident)
    page = client.get(notice_index.url).content.decode()
    assert "致东栅社区的通知" in page and "全站通知：系统升级公告" in page
    assert "致新兴社区的通知" not in page and "致秀洲区的通知" not in page


def test_direct_url_of_hidden_notice_is_404(client, targeted, resident):
    client.force_login(resident)
    assert client.get(targeted["dongzha"].url).status_code == 200
    response = client.get(targeted["xinxing"].url)
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
    client.logout()
    assert client.get(targeted["dongzha"].url).status_code == 404
    assert client.get(targeted["site"].url).status_code == 200


def test_notice_page_shows_date_in_shanghai_and_target(client, grid_tree, resident, publish_notice):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from core.portal.models import NoticePage

    notice = publish_notice("东栅社区停水通知", grid_tree["dongzha"], body="<b>周六</b>停水")
    utc = datetime(2026, 3, 1, 17, 30, tzinfo=ZoneInfo("UTC"))  # 3月2日 01:30 in Shanghai
    NoticePage.objects.filter(pk=notice.pk).update(first_published_at=utc)
    client.force_login(resident)
    page = client.get(notice.url).content.decode()
    assert "2026年3月2日 01:30" in page
    assert 'data-testid="notice-scope">东栅社区<' in page
    assert "停水" in page


def test_index_paginates_ten_per_page_pinned_first(client, resident, notice_index,
                                                    publish_notice, grid_tree):
    for n in range(1, 24):
        publish_notice(f"第{n}期社区简报", grid_tree["dongzha"], age_minutes=100 - n)
    publish_notice("防汛防台紧急通知", grid_tree["nanhu"], pinned=True, age_minutes=500)
    client.force_login(resident)
    first = client.get(notice_index.url).content.decode()
    assert first.count('data-testid="notice-item"') == 10
    assert first.index("防汛防台紧急通知") < first.index("第23期社区简报")
    assert "第 1 / 3 页" in first
    third = client.get(notice_index.url, {"page": 3}).content.decode()
    assert third.count('data-testid="notice-item"') == 4
    assert "第1期社区简报" in third
    assert client.get(notice_index.url, {"page": "abc"}).status_code == 200


def test_api_lists_visible_notices_paginated(client, targeted, resident):
    client.force_login(resident)
    data = client.get("/api/notices/").json()
    assert data["count"] == 7
    titles = {item["title"] for item in data["results"]}
    assert "致新兴社区的通知" not in titles
    item = next(i for i in data["results"] if i["title"] == "致东栅社区的通知")
    assert item["target_grid"] == "东栅社区" and item["url"].startswith("/notices/")


def test_api_notice_detail_404_when_hidden(client, targeted, resident):
    client.force_login(resident)
    detail = client.get(f"/api/notices/{targeted['dongzha'].pk}/")
    assert detail.status_code == 200
    assert "<p>致东栅社区的通知</p>" in detail.json()["body"]
    assert client.get(f"/api/notices/{targeted['xiuzhou'].pk}/").status_code == 404
    client.logout()
    assert client.get(f"/api/notices/{targeted['dongzha'].pk}/").status_code == 404
    assert client.get(f"/api/notices/{targeted['site'].pk}/").status_code == 200
