"""A resident takes a quiz on a 375 px phone: nothing overflows, the flow works end to end."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 375, "height": 812}
SHOTS = os.environ.get("QUIZ_SHOTS")  # a folder to keep screenshots in, when set

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def phone():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                      has_touch=True, locale="zh-CN")
        yield context.new_page()
        context.close()
        browser.close()


def _check(page, name: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"horizontal overflow: {width}px on {page.url}"
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"quiz-{name}.png"), full_page=True)


@pytest.fixture
def question_count(make_quiz, quiz_on) -> int:
    """Made before the browser starts: the ORM refuses to run inside Playwright's loop."""
    return make_quiz("国安在线·国家安全知识竞答", time_limit_seconds=300).questions.count()


def test_resident_takes_a_quiz_on_a_phone(live_server, resident, question_count, phone):
    page = phone
    page.goto(f"{live_server.url}/accounts/login/?next=/quiz/")
    page.fill("input[name=mobile]", resident.mobile)
    page.fill("input[name=password]", "jiayuan-test-1")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/quiz/")
    _check(page, "1-index")
    page.get_by_test_id("quiz").first.click()
    _check(page, "2-detail")
    page.get_by_test_id("start").click()
    page.wait_for_selector("[data-testid=question]")
    assert page.get_by_test_id("question").count() == question_count
    _check(page, "3-attempt")
    page.get_by_label("A. 4月15日").check()
    page.get_by_label("A. 刷单返利").check()
    page.get_by_label("B. 冒充客服退款").check()
    page.get_by_label("A. 正确").check()
    page.get_by_test_id("submit").click()
    page.wait_for_selector("[data-testid=summary]")
    assert "得分 30 / 30" in page.get_by_test_id("summary").inner_text()
    _check(page, "4-result")
