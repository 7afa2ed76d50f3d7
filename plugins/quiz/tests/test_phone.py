"""A resident takes a quiz on a 375 px phone: nothing overflows, the flow works end to end."""

from __future__ import annotations

import pytest

from core.testing import BROWSER_TEST, check_fits_phone

pytestmark = BROWSER_TEST


def _check(page, name: str) -> None:
    check_fits_phone(page, f"quiz-{name}")


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
