"""应用管理 in the Wagtail admin, and the same on the command line."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from wagtail.models import ModelLogEntry

from core.plugins.models import PluginState


@pytest.fixture
def admin_client(client, admin_user, home_page):
    client.force_login(admin_user)
    return client


@pytest.mark.django_db
def test_listing_shows_every_installed_plugin(admin_client):
    page = admin_client.get("/admin/plugins/").content.decode()
    for slug in ("probe", "broken"):
        assert f'data-slug="{slug}"' in page


@pytest.mark.django_db
def test_disable_in_admin_hides_plugin_and_is_audited(admin_client, client, resident, admin_user):
    response = admin_client.post(
        "/admin/plugins/probe/", {"action": "toggle", "enabled": "0", "grid_code": ""}
    )
    assert response.status_code == 302
    assert PluginState.objects.get(slug="probe", grid=None).enabled is False
    entry = ModelLogEntry.objects.get(action="jiayuan.plugin_disabled")
    assert entry.user_id == admin_user.pk and entry.data["slug"] == "probe"
    client.force_login(resident)
    assert client.get("/probe/").status_code == 404


@pytest.mark.django_db
def test_disable_for_a_subtree_in_admin(admin_client, grid_tree, make_user):
    # admin_client wraps pytest-django's ``client``: residents need a browser of their own.
    client = Client()
    admin_client.post(
        "/admin/plugins/probe/",
        {"action": "toggle", "enabled": "0", "grid_code": grid_tree["nanhu"].code},
    )
    state = PluginState.objects.get(slug="probe", grid=grid_tree["nanhu"])
    assert state.enabled is False
    client.force_login(make_user("resident", grid=grid_tree["micro"]))
    assert client.get("/probe/").status_code == 404
    client.force_login(make_user("resident", grid=grid_tree["wangdian"]))
    assert client.get("/probe/").status_code == 200
    # Removing the override makes the subtree follow the site again.
    admin_client.post("/admin/plugins/probe/", {"action": "remove_scope", "state_id": state.pk})
    client.force_login(make_user("resident", grid=grid_tree["micro"]))
    assert client.get("/probe/").status_code == 200


@pytest.mark.django_db
def test_unknown_grid_code_is_a_clear_error(admin_client):
    response = admin_client.post(
        "/admin/plugins/probe/", {"action": "toggle", "enabled": "0", "grid_code": "999999999999"}
    )
    assert response.status_code == 200
    assert "找不到区划代码为 999999999999 的网格" in response.content.decode()
    assert not PluginState.objects.filter(slug="probe").exists()


@pytest.mark.django_db
def test_tile_order_is_saved(admin_client):
    response = admin_client.post("/admin/plugins/", {"order_probe": "7", "order_broken": "3"})
    assert response.status_code == 302
    assert PluginState.objects.get(slug="probe", grid=None).sort_order == 7
    bad = admin_client.post("/admin/plugins/", {"order_probe": "abc", "order_broken": "3"},
                            follow=True)
    assert "排序必须是" in bad.content.decode()


@pytest.mark.django_db
def test_only_plugin_managers_reach_the_page(client, grid_worker, home_page):
    client.force_login(grid_worker)
    assert client.get("/admin/plugins/").status_code in (302, 403)
    assert client.post(
        "/admin/plugins/probe/", {"action": "toggle", "enabled": "0"}
    ).status_code in (302, 403)
    assert not PluginState.objects.exists()


@pytest.mark.django_db
def test_cli_list_json(capsys, grid_tree, set_plugin):
    set_plugin("probe", False, grid=grid_tree["nanhu"])
    call_command("plugins", "list", "--json")
    rows = {row["slug"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["probe"]["enabled"] is True
    assert rows["probe"]["grid_overrides"] == [
        {"grid": grid_tree["nanhu"].code, "enabled": False}
    ]
    assert rows["broken"]["enabled"] is False


@pytest.mark.django_db
def test_cli_enable_disable_with_grid(grid_tree, capsys):
    call_command("plugins", "disable", "probe", "--grid", grid_tree["nanhu"].code)
    assert PluginState.objects.get(slug="probe", grid=grid_tree["nanhu"]).enabled is False
    call_command("plugins", "disable", "probe")
    call_command("plugins", "disable", "probe")  # idempotent
    assert PluginState.objects.filter(slug="probe", grid=None).count() == 1
    with pytest.raises(CommandError, match="未安装"):
        call_command("plugins", "enable", "nosuchplugin")
    with pytest.raises(CommandError, match="No grid"):
        call_command("plugins", "enable", "probe", "--grid", "000000000000")


@pytest.mark.django_db
def test_plugins_admin_is_for_administrators_only(client, make_user, grid_tree, home_page):
    worker = make_user("grid_worker", grid=grid_tree["grid1"], scope=grid_tree["grid1"])
    client.force_login(worker)
    assert "/admin/plugins/" not in client.get("/admin/").content.decode()
    assert client.get("/admin/plugins/").status_code in (302, 403)
    response = client.post("/admin/plugins/probe/", {"action": "toggle", "enabled": "0",
                                                     "grid_code": ""})
    assert response.status_code in (302, 403)
    assert not PluginState.objects.filter(slug="probe").exists()
