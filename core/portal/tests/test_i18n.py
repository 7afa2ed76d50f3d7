"""Simplified Chinese by default; English selectable from the home page's footer."""

from __future__ import annotations

import pytest

from core.plugins.manifest import PluginManifest

pytestmark = pytest.mark.django_db


def test_chinese_by_default(client, resident, home_page):
    client.force_login(resident)
    page = client.get("/").content.decode()
    assert '<html lang="zh-hans">' in page
    assert "通知公告" in page and "我的网格" in page and "My grid" not in page


def test_english_selected_from_home_footer(client, resident, home_page, register_temporarily):
    register_temporarily(PluginManifest(slug="helpline", label="便民热线", label_en="Hotlines",
                                        version="1.0"))
    client.force_login(resident)
    page = client.get("/").content.decode()
    assert 'action="/i18n/setlang/"' in page and 'value="en"' in page
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    for label in ("Notices", "My grid", "Call", "Home", "Search", "Messages", "Hotlines"):
        assert label in page, label
    assert "简体中文" in page  # the way back


def test_english_error_and_inbox_pages(client, resident, home_page):
    client.force_login(resident)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Sorry, this page does not exist" in client.get("/missing/").content.decode()
    assert "No messages yet" in client.get("/inbox/").content.decode()
    assert "What you can search" in client.get("/search/").content.decode()
