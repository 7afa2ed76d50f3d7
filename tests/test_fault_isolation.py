"""A plugin that raises in every hook never takes a page down.

The test plugin ``broken`` (tests/plugins/broken) raises in all thirteen hooks.
"""

from __future__ import annotations

import pytest

from core.plugins.host import host
from core.plugins.models import PluginHealth


@pytest.fixture
def broken_enabled(set_plugin, home_page):
    set_plugin("broken", True)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/me/", "/search/?q=网格", "/inbox/", "/probe/"])
def test_resident_pages_survive(path, client, resident, broken_enabled):
    client.force_login(resident)
    assert client.get(path).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/", "/admin/plugins/", "/admin/plugins/broken/"])
def test_admin_pages_survive(path, client, admin_user, broken_enabled):
    client.force_login(admin_user)
    assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_errors_are_recorded_for_administrators(client, resident, admin_user, broken_enabled):
    client.force_login(resident)
    client.get("/")
    health = PluginHealth.objects.get(slug="broken")
    assert health.error_count >= 1
    assert "BrokenPluginError" in health.last_error
    # Registration hooks failed at start-up: kept in memory, shown on the admin page.
    assert "register_urls" in host.load_errors["broken"]
    client.force_login(admin_user)
    page = client.get("/admin/plugins/broken/").content.decode()
    assert "BrokenPluginError" in page
    listing = client.get("/admin/plugins/").content.decode()
    assert "加载失败" in listing


@pytest.mark.django_db
def test_other_plugins_results_still_come_back(resident, broken_enabled, register_temporarily):
    from core.plugins.hookspecs import hookimpl
    from core.plugins.manifest import PluginManifest
    from core.plugins.types import NavLink

    class Healthy:
        @hookimpl
        def user_center_links(self, user):
            return [NavLink("健康应用", "/healthy/")]

    register_temporarily(
        PluginManifest(slug="healthy", label="健康", label_en="Healthy", version="1"), Healthy()
    )
    results = host.call("user_center_links", enabled=["broken", "healthy"], request=None,
                        user=resident)
    assert results == [("healthy", [NavLink("健康应用", "/healthy/")])]


@pytest.mark.django_db
def test_disabled_broken_plugin_is_not_called(client, resident, set_plugin, home_page):
    set_plugin("broken", False)
    client.force_login(resident)
    assert client.get("/").status_code == 200
    assert not PluginHealth.objects.filter(slug="broken").exists()
