"""A resident uses the living room on a 375 px phone: nothing overflows, post → comment → like."""

from __future__ import annotations

import pytest

from core.testing import BROWSER_TEST, check_fits_phone

pytestmark = BROWSER_TEST


def _check(page, name: str) -> None:
    check_fits_phone(page, f"livingroom-{name}")


@pytest.fixture
def scene(livingroom_on, resident, neighbours, cadre, make_post, dictionary):
    """Made before the browser starts: the ORM refuses to run inside Playwright's loop."""
    from plugins.livingroom import services

    post = make_post(title="东门电动车充电桩坏了", author=neighbours[0])
    services.add_comment(cadre, post, "已联系物业，本周五前修复。")
    return post


def test_resident_posts_comments_and_likes_on_a_phone(live_server, resident, scene, phone):
    page = phone
    page.goto(f"{live_server.url}/accounts/login/?next=/livingroom/")
    page.fill("input[name=mobile]", resident.mobile)
    page.fill("input[name=password]", "jiayuan-test-1")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/livingroom/")
    _check(page, "1-feed")
    page.get_by_test_id("compose").click()
    page.fill("#id_title", "发票")
    page.fill("#id_body", "代开 发票")
    page.get_by_test_id("submit").click()
    assert "内容含有不当用语“代开发票”" in page.get_by_test_id("error-body").inner_text()
    assert page.input_value("#id_body") == "代开 发票"  # nothing lost
    _check(page, "2-blocked")
    page.fill("#id_title", "广场舞音乐太响")
    page.fill("#id_body", "晚上九点以后还很吵，希望调小音量。")
    page.get_by_test_id("submit").click()
    page.wait_for_selector("[data-testid=post-detail]")
    page.goto(f"{live_server.url}/livingroom/{scene.pk}/")
    assert "官方回复" in page.get_by_test_id("official-comment").inner_text()
    page.get_by_test_id("like").click()
    assert "已赞 1" in page.get_by_test_id("like").inner_text()
    page.fill("#id_body", "谢谢社区！")
    page.get_by_role("button", name="发表评论").click()
    assert page.get_by_test_id("comment").count() == 1
    _check(page, "3-detail")
