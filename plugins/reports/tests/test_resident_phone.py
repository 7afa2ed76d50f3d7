"""一键报事 on a 375 px phone in chromium: error state, submission, rating; nothing overflows."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from core.testing import BROWSER_TEST, check_fits_phone
from plugins.reports import workflow
from plugins.reports.models import Report

S = Report.Status
pytestmark = BROWSER_TEST


def _check(page, name: str) -> None:
    check_fits_phone(page, f"reports-{name}")


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (90, 140, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def resolved(reports_on, make_report, grid_worker) -> Report:
    """Made before the browser starts: the ORM refuses to run inside Playwright's loop."""
    report = make_report(description="小区东门路灯坏了一个多星期，晚上一片漆黑。")
    workflow.transition(report, S.GRID_ACCEPTED, actor=grid_worker, note="已受理")
    workflow.transition(report, S.RESOLVED, actor=grid_worker, note="已督促物业更换灯具")
    return report


def test_report_and_rate_on_a_phone(live_server, resident, resolved, phone):
    page = phone
    page.goto(f"{live_server.url}/accounts/login/?next=/reports/new/")
    page.fill("input[name=mobile]", resident.mobile)
    page.fill("input[name=password]", "jiayuan-test-1")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/reports/new/")
    _check(page, "1-new")
    # No category and a file that is not a picture: both refused, the text kept.
    page.fill("#id_description", "3幢楼道里堆满纸箱，还有电动车在充电。")
    page.fill("#id_address", "东栅路18号3幢")
    page.set_input_files("#id_photos", files=[
        {"name": "现场.jpg", "mimeType": "image/jpeg", "buffer": b"not really a jpeg"}])
    page.get_by_test_id("submit").click()
    page.wait_for_selector("[data-testid=form-errors]")
    body = page.inner_text("main")
    assert "请选择事项类别" in body and "不是有效的图片" in body
    assert page.input_value("#id_description") == "3幢楼道里堆满纸箱，还有电动车在充电。"
    _check(page, "2-errors")
    # The tile is the whole label: tapping its text selects the category.
    page.locator("label.rp-cat", has_text="安全隐患").click()
    page.set_input_files("#id_photos", files=[
        {"name": "现场.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}])
    page.get_by_test_id("submit").click()
    page.wait_for_selector("[data-testid=submitted]")
    code = page.inner_text("[data-testid=code]")
    assert code.startswith("330402004001") and page.locator("[data-testid=photos] img").count() == 1
    _check(page, "3-submitted")
    # Rate the resolved one: 不满意 without a reason is refused, 满意 closes it.
    page.goto(f"{live_server.url}/reports/{resolved.pk}/")
    page.locator("label.rp-cat", has_text="不满意").click()
    page.get_by_test_id("rate").click()
    assert "请写明原因" in page.inner_text("[data-testid=rating]")
    _check(page, "4-rating-error")
    page.locator("label.rp-cat", has_text="基本满意").click()
    page.get_by_test_id("rate").click()
    page.wait_for_selector("[data-testid=rated]")
    assert "事项已销号" in page.inner_text("main")
    _check(page, "5-rated")
    page.goto(f"{live_server.url}/reports/mine/")
    assert page.locator("[data-testid=report]").count() == 2
    _check(page, "6-mine")
