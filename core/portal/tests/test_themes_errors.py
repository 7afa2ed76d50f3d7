"""Per-site themes switched at runtime, and the themed, Chinese error pages."""

from __future__ import annotations

import copy

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import path
from wagtail.models import Site

from core.portal.models import ThemeSettings
from core.portal.themes import available_themes

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("数据库连接中断")


# A URLconf for the 500 test: one view that fails.
urlpatterns = [path("boom/", boom)]
handler500 = "core.portal.views.server_error"


def set_theme(name: str) -> None:
    setting = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
    setting.theme = name
    setting.save()


def test_available_themes_include_default_and_elder():
    assert {"default", "elder"} <= set(available_themes())


def test_switching_to_elder_applies_on_next_request_without_leaking(client, home_page):
    assert "elder/elder.css" not in client.get("/").content.decode()  # warms the cache
    set_theme("elder")
    page = client.get("/").content.decode()
    assert "elder/elder.css" in page and 'class="theme-elder' in page
    set_theme("default")
    page = client.get("/").content.decode()
    assert "elder/elder.css" not in page and 'class="theme-default' in page


def test_unknown_theme_falls_back_to_default(client, home_page):
    set_theme("missing-theme")
    assert 'class="theme-default' in client.get("/").content.decode()


def test_admin_theme_field_is_a_select_of_available_themes(client, admin_user, home_page):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/portal/themesettings/{site.pk}/"
    client.force_login(admin_user)
    page = client.get(url).content.decode()
    assert '<select name="theme"' in page
    assert 'value="elder"' in page and "适老化主题" in page
    response = client.post(url, {"theme": "neon", "service_phone": "96345"})
    assert response.status_code == 200
    assert ThemeSettings.for_site(site).theme == "default"
    client.post(url, {"theme": "elder", "service_phone": "0573-96345"})
    assert ThemeSettings.for_site(site).theme == "elder"


def test_404_is_themed_and_in_chinese(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "抱歉，您访问的页面不存在" in page and "default/jiayuan.css" in page
    assert 'class="tabbar"' in page


def failing_processor(request):
    raise RuntimeError("context processor failed")


def _templates_with_failing_processor() -> list[dict]:
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["context_processors"].append(
        "core.portal.tests.test_themes_errors.failing_processor")
    return templates


def test_500_renders_without_context_processors(client, home_page):
    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF=__name__, TEMPLATES=_templates_with_failing_processor()):
        response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "服务暂时不可用" in page and "/static/default/jiayuan.css" in page
    assert 'href="/"' in page


def test_500_uses_the_sites_theme(client, home_page):
    set_theme("elder")
    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF=__name__):
        response = client.get("/boom/")
    assert response.status_code == 500
    assert "elder/elder.css" in response.content.decode()
