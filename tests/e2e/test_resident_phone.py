"""A resident on a 375 px phone: home, a notice, search, inbox, and the elder theme.

Drives Debian's chromium through Playwright's sync API against pytest-django's
live server. Screenshots go to test-results/ (git-ignored) for a human to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Site

from core.notifications.services import notify
from core.plugins.manifest import PluginManifest
from core.portal.models import ThemeSettings
from core.testing import BROWSER_TEST, check_fits_phone

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop

SHOTS = Path(settings.BASE_DIR) / "test-results"
os.environ.setdefault("JIAYUAN_SHOTS", str(SHOTS))  # check_fits_phone keeps screenshots here

pytestmark = BROWSER_TEST

APPS = [  # (slug, label, colour): the sub-applications of 微嘉园
    ("helpline", "便民热线", "#1677ff"), ("dispute", "矛盾调解", "#e37318"),
    ("lawcourt", "在线法庭", "#7b61ff"), ("counsel", "心理服务", "#00a870"),
    ("safequiz", "安全答题", "#0fc6c2"), ("village", "村务公开", "#c8102e"),
    ("deliberate", "民主协商", "#ed7b2f"), ("points", "积分商城", "#d4380d"),
]


@pytest.fixture
def neighbourhood(resident, grid_tree, home_page, publish_notice, register_temporarily):
    for order, (slug, label, colour) in enumerate(APPS):
        register_temporarily(PluginManifest(slug=slug, label=label, label_en=slug.title(),
                                            version="1.0", colour=colour, tile_order=order))
    publish_notice("关于开展夏季消防安全大检查的通知", grid_tree["nanhu"], pinned=True,
                   summary="请各小区物业配合做好楼道杂物清理。", age_minutes=300)
    publish_notice("社区网格员工作指南", grid_tree["dongzha"], age_minutes=120,
                   body="网格员每周走访辖区住户，及时收集并上报居民诉求。")
    publish_notice("东栅一网格本周六开展河道清理志愿活动", grid_tree["grid1"], age_minutes=60)
    publish_notice("积分兑换规则说明", age_minutes=30,
                   summary="参加志愿服务获得的积分可兑换生活用品。")
    publish_notice("新兴社区停水通知", grid_tree["xinxing"])  # not for this resident
    notify(resident, "您的实名认证已通过", "网格员王丽娟已审核通过您的实名认证。", url="/me/")
    notify(resident, "积分到账提醒", "参加河道清理志愿活动，获得 20 积分。")
    return resident


def assert_tap_targets(page, selector: str, minimum: int = 44) -> None:
    boxes = [element.bounding_box() for element in page.locator(selector).all()]
    assert boxes, f"no {selector}"
    small = [box for box in boxes if box["height"] < minimum or box["width"] < minimum]
    assert not small, f"{selector} smaller than {minimum}px: {small}"


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_resident_on_a_phone(live_server, phone, neighbourhood):
    page = phone
    page.goto(f"{live_server.url}/")
    assert page.get_by_test_id("login-prompt").is_visible()
    check_fits_phone(page, "01-home-anonymous")

    page.goto(f"{live_server.url}/accounts/login/?next=/")
    page.fill("input[name=mobile]", neighbourhood.mobile)
    page.fill("input[name=password]", "jiayuan-test-1")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    grid = page.get_by_test_id("app-grid")
    assert grid.locator(".tile").count() == len(APPS)
    first_row = {round(box["y"]) for box in
                 (tile.bounding_box() for tile in grid.locator(".tile").all()[:4])}
    assert len(first_row) == 1, "four tiles per row at 375 px"
    assert_tap_targets(page, ".tile")
    assert_tap_targets(page, ".tabbar__item")
    notices = page.get_by_test_id("latest-notices").inner_text()
    assert "社区网格员工作指南" in notices and "消防安全大检查" in notices
    assert "新兴社区停水通知" not in notices
    card = page.get_by_test_id("grid-card")
    assert "王丽娟" in card.inner_text()
    assert card.locator("a[href='tel:13800001111']").count() == 1
    assert page.get_by_test_id("unread-count").inner_text() == "2"
    check_fits_phone(page, "02-home-resident")

    page.get_by_text("社区网格员工作指南").click()
    assert "网格员每周走访辖区住户" in page.locator(".richtext").inner_text()
    assert page.get_by_test_id("notice-scope").inner_text() == "东栅社区"
    check_fits_phone(page, "03-notice")

    page.goto(f"{live_server.url}/notices/")
    assert page.get_by_test_id("notice-item").first.inner_text().startswith("置顶")
    check_fits_phone(page, "04-notice-index")

    page.locator(".tabbar__item", has_text="搜索").click()
    assert page.get_by_test_id("search-empty").is_visible()
    page.fill("input[name=q]", "网格")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("[data-testid=search-results]")
    hits = page.get_by_test_id("search-results").inner_text()
    assert "社区网格员工作指南" in hits and "通知公告" in hits
    check_fits_phone(page, "05-search")

    page.locator(".tabbar__item", has_text="消息").click()
    assert page.locator(".is-unread").count() == 2
    shot(page, "06-inbox")
    page.get_by_text("您的实名认证已通过").click()
    assert page.get_by_test_id("inbox-detail").is_visible()
    page.goto(f"{live_server.url}/inbox/")
    assert page.locator(".is-unread").count() == 1
    check_fits_phone(page, "06-inbox-read")

    setting = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
    setting.theme = "elder"
    setting.save()
    page.goto(f"{live_server.url}/")
    assert page.locator("link[href*='elder/elder.css']").count() == 1
    assert_tap_targets(page, ".tile", minimum=56)
    assert_tap_targets(page, ".tabbar__item", minimum=56)
    check_fits_phone(page, "07-home-elder")
    page.goto(f"{live_server.url}/notices/")
    check_fits_phone(page, "08-notice-index-elder")
