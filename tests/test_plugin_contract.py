"""The plugin contract, checked on every installed plugin.

Enabled: its routes answer 200/302, its tile and admin menu items show.
Disabled: its routes answer 404 and its tile and menu items are gone.
Toggling twice is idempotent.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver
from wagtail.admin.menu import admin_menu

from core.plugins.host import host
from core.plugins.middleware import plugin_context_for
from core.plugins.models import PluginState
from core.portal.services import home_context

# Real plugins plus the test probe; the deliberately broken one has its own test.
CONTRACT_SLUGS = sorted(
    slug for slug in host.manifests
    if slug != "broken" and apps.is_installed(apps.get_app_config(slug).name)
)


def _plain_paths(patterns, prefix: str) -> list[str]:
    """Paths of the routes that take no arguments (those a test can request blindly)."""
    paths: list[str] = []
    for pattern in patterns:
        route = str(pattern.pattern)
        if "<" in route or "(" in route:
            continue
        if isinstance(pattern, URLResolver):
            paths += _plain_paths(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern):
            paths.append(prefix + route)
    return paths


def _routes(slug: str) -> list[str]:
    public = host.call_registration("register_urls").get(slug, [])
    api = host.call_registration("register_api_urls").get(slug, [])
    return _plain_paths(public, f"/{slug}/") + _plain_paths(api, f"/api/{slug}/")


def _request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    request.plugins = plugin_context_for(request)
    return request


def _menu_items(slug: str):
    return [i for i in admin_menu.registered_menu_items if getattr(i, "plugin_slug", "") == slug]


@pytest.fixture
def verified_resident(make_user, grid_tree):
    return make_user("resident", grid=grid_tree["micro"], name="陈志强")


def test_there_are_plugins_to_check():
    assert "probe" in CONTRACT_SLUGS


@pytest.mark.parametrize("slug", CONTRACT_SLUGS)
@pytest.mark.django_db
def test_enabled_plugin_answers_and_shows(slug, client, verified_resident, admin_user,
                                          home_page, set_plugin):
    set_plugin(slug, True)
    client.force_login(verified_resident)
    for path in _routes(slug):
        assert client.get(path).status_code in (200, 302), path
    manifest = host.manifest(slug)
    tiles = home_context(_request_for(verified_resident))["tiles"]
    assert any(tile.slug == slug for tile in tiles) == manifest.show_tile
    admin_request = _request_for(admin_user)
    assert all(item.is_shown(admin_request) for item in _menu_items(slug))


@pytest.mark.parametrize("slug", CONTRACT_SLUGS)
@pytest.mark.django_db
def test_disabled_plugin_is_gone(slug, client, verified_resident, admin_user, home_page,
                                 set_plugin):
    set_plugin(slug, False)
    client.force_login(verified_resident)
    for path in _routes(slug):
        assert client.get(path).status_code == 404, path
    tiles = home_context(_request_for(verified_resident))["tiles"]
    assert not any(tile.slug == slug for tile in tiles)
    admin_request = _request_for(admin_user)
    assert not any(item.is_shown(admin_request) for item in _menu_items(slug))


@pytest.mark.parametrize("slug", CONTRACT_SLUGS)
@pytest.mark.django_db
def test_toggling_twice_is_idempotent(slug, client, verified_resident, home_page, set_plugin):
    client.force_login(verified_resident)
    for enabled in (False, False, True, True):
        set_plugin(slug, enabled)
    assert PluginState.objects.filter(slug=slug, grid=None).count() == 1
    assert PluginState.objects.get(slug=slug, grid=None).enabled is True
    for path in _routes(slug):
        assert client.get(path).status_code in (200, 302), path


@pytest.mark.parametrize("slug", CONTRACT_SLUGS)
@pytest.mark.django_db
def test_disabled_for_one_subtree_only(slug, client, make_user, grid_tree, home_page, set_plugin):
    """On for the city, off for 南湖区: residents of 南湖区 get 404, 秀洲区 gets 200."""
    set_plugin(slug, True)
    set_plugin(slug, False, grid=grid_tree["nanhu"])
    inside = make_user("resident", grid=grid_tree["micro"])
    outside = make_user("resident", grid=grid_tree["wangdian"])
    for path in _routes(slug):
        client.force_login(inside)
        assert client.get(path).status_code == 404, path
        client.force_login(outside)
        assert client.get(path).status_code in (200, 302), path
