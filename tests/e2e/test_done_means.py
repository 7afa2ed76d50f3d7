"""Issue #2's "done means", in a real browser, each user with their own session.

An editor publishes a notice to one community in the Wagtail admin and only that
community's residents see it; an administrator disables a plugin in 应用管理 and
it answers 404 at once; enabling it again brings it back.
"""

from __future__ import annotations

import pytest

from core.portal.models import NoticePage
from core.testing import CHROMIUM, PHONE

from .test_resident_phone import shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]
PASSWORD = "jiayuan-test-1"  # core.testing.make_user's password


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=["--no-sandbox"])
        yield chromium
        chromium.close()


def _session(browser, live_server, mobile: str, *, phone: bool = True,
             password: str = PASSWORD):
    """A fresh browser context logged in through the real login form."""
    viewport = PHONE if phone else {"width": 1280, "height": 900}
    page = browser.new_context(viewport=viewport, locale="zh-CN").new_page()
    if phone:
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=mobile]", mobile)
    else:
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("input[name=username]", mobile)
    page.fill("input[name=password]", password)
    page.click("form [type=submit]")
    page.wait_for_load_state()
    return page


def test_editor_targets_one_community(live_server, browser, editor, grid_tree, notice_index,
                                      make_user):
    inside = make_user("resident", grid=grid_tree["micro"], mobile="13900000011")
    outside = make_user("resident", grid=grid_tree["xgrid"], mobile="13900000012")

    admin = _session(browser, live_server, editor.mobile, phone=False)
    admin.goto(f"{live_server.url}/admin/pages/add/portal/noticepage/{notice_index.pk}/")
    admin.fill("input[name=title]", "东栅社区加装电梯意见征集")
    admin.select_option("select[name=target_grid]", value=str(grid_tree["dongzha"].pk))
    admin.click(".public-DraftEditor-content")
    admin.keyboard.type("请东栅路18号小区居民于本周五前反馈意见。")
    # Draftail copies its content into the hidden form field asynchronously.
    admin.wait_for_function(
        "document.querySelector('input[name=body]').value.includes('反馈意见')"
    )
    # "发布" sits in the footer's action menu; clicking it as a user would.
    with admin.expect_navigation():
        admin.evaluate("document.querySelector('button[name=action-publish]').click()")
    shot(admin, "done-means-editor-published")
    notice = NoticePage.objects.filter(title="东栅社区加装电梯意见征集").first()
    assert notice is not None, admin.inner_text("main")[:800]
    assert notice.live and notice.target_grid == grid_tree["dongzha"]

    resident_page = _session(browser, live_server, inside.mobile)
    resident_page.goto(f"{live_server.url}/")
    assert resident_page.get_by_text("东栅社区加装电梯意见征集").count() == 1
    shot(resident_page, "done-means-notice-inside")

    other_page = _session(browser, live_server, outside.mobile)
    other_page.goto(f"{live_server.url}/")
    assert other_page.get_by_text("东栅社区加装电梯意见征集").count() == 0
    response = other_page.goto(f"{live_server.url}{notice.url}")
    assert response.status == 404


def test_administrator_disables_a_plugin(live_server, browser, admin_user, resident, home_page):
    resident_page = _session(browser, live_server, resident.mobile)
    assert resident_page.goto(f"{live_server.url}/probe/").status == 200

    admin = _session(browser, live_server, admin_user.mobile, phone=False,
                     password="jiayuan-admin-1")  # core.testing.admin_user
    admin.goto(f"{live_server.url}/admin/plugins/probe/")
    admin.select_option("select[name=enabled]", "0")
    admin.click("form:has(input[value=toggle]) button[type=submit]")
    admin.wait_for_load_state()
    assert admin.get_by_test_id("sitewide-state").inner_text() == "已停用"
    assert resident_page.goto(f"{live_server.url}/probe/").status == 404

    admin.select_option("select[name=enabled]", "1")
    admin.click("form:has(input[value=toggle]) button[type=submit]")
    admin.wait_for_load_state()
    assert resident_page.goto(f"{live_server.url}/probe/").status == 200
