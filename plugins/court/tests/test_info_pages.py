"""信息公开: the index page, notices and guides as Wagtail pages; served, searchable, guarded."""

from __future__ import annotations

import pytest
from wagtail.models import Site

from plugins.court.models import CourtInfoIndexPage, CourtNoticePage, LitigationGuidePage
from plugins.court.pages import ensure_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def info(court_on):
    index = ensure_index(Site.objects.get(is_default_site=True))
    notice = CourtNoticePage(title="关于“共享法庭”全面进驻村（社区）的公告", slug="shared-court",
                             court="南湖区人民法院", summary="群众可就近预约法官。",
                             body="<p>辖区各村（社区）共享法庭已全部建成。</p>")
    index.add_child(instance=notice)
    notice.save_revision().publish()
    guide = LitigationGuidePage(title="司法确认申请指南", slug="judicial-confirmation",
                                summary="调解协议经司法确认可申请强制执行。",
                                body="<p>双方应在三十日内共同申请。</p>")
    index.add_child(instance=guide)
    guide.save_revision().publish()
    return index


def test_enabling_creates_the_index_once(court_on):
    site = Site.objects.get(is_default_site=True)
    assert ensure_index(site).pk == ensure_index(site).pk
    assert CourtInfoIndexPage.objects.count() == 1


def test_index_and_pages_are_served(client, resident, info):
    client.force_login(resident)
    response = client.get("/court/info/")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "共享法庭" in page and "司法确认申请指南" in page
    notice = CourtNoticePage.objects.get()
    assert "南湖区人民法院" in client.get(notice.url).content.decode()


def test_page_types_are_offered_under_the_home_page(info, home_page):
    from core.portal.models import HomePage

    assert CourtInfoIndexPage in HomePage.clean_subpage_models()
    assert set(CourtInfoIndexPage.clean_subpage_models()) == {CourtNoticePage, LitigationGuidePage}


def test_pages_are_in_site_search(client, resident, info):
    client.force_login(resident)
    page = client.get("/search/", {"q": "司法确认"}).content.decode()
    assert "司法确认申请指南" in page


def test_pages_404_while_disabled(client, resident, info, set_plugin):
    notice = CourtNoticePage.objects.get()
    set_plugin("court", False)
    client.force_login(resident)
    assert client.get(notice.url).status_code == 404


def test_enabling_the_plugin_creates_the_index(set_plugin, home_page,
                                               django_capture_on_commit_callbacks):
    set_plugin("reports", True)
    with django_capture_on_commit_callbacks(execute=True):
        set_plugin("court", True)
    index = CourtInfoIndexPage.objects.get()
    assert index.live and index.get_parent().pk == home_page.pk
