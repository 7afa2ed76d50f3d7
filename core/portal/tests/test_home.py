"""The resident's home: app grid, notices for their chain, grid card, panels."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.plugins.hookspecs import hookimpl
from core.plugins.manifest import PluginManifest
from core.plugins.types import HomePanel

pytestmark = pytest.mark.django_db


class PanelHooks:
    @hookimpl
    def home_panels(self, request, grid):
        name = grid.name if grid else "游客"
        return [HomePanel(title="本周志愿活动", html=f"<p>{name}：周六上午清理河道</p>", order=5)]


def manifest(slug: str, label: str, **extra) -> PluginManifest:
    return PluginManifest(slug=slug, label=label, label_en=extra.pop("label_en", slug.title()),
                          version="1.0", **extra)


def test_app_grid_shows_icons_or_initials_in_order(client, resident, home_page,
                                                   register_temporarily):
    register_temporarily(manifest("helpline", "便民热线", icon="hotline/icon.svg",
                                  colour="#00a870", tile_order=20))
    register_temporarily(manifest("dispute", "矛盾调解", colour="#e37318", tile_order=10))
    client.force_login(resident)
    page = client.get("/").content.decode()
    assert page.index('data-slug="dispute"') < page.index('data-slug="helpline"')
    assert '<img src="/static/hotline/icon.svg"' in page
    assert 'style="background-color: #e37318" aria-hidden="true">矛<' in page
    assert 'href="/dispute/"' in page


def test_disabled_plugin_tile_disappears(client, resident, home_page, register_temporarily,
                                         set_plugin):
    register_temporarily(manifest("helpline", "便民热线"))
    client.force_login(resident)
    assert 'data-slug="helpline"' in client.get("/").content.decode()
    set_plugin("helpline", False)
    assert 'data-slug="helpline"' not in client.get("/").content.decode()


def test_grid_card_with_one_tap_call(client, resident, home_page):
    client.force_login(resident)
    page = client.get("/").content.decode()
    assert 'data-testid="grid-card"' in page
    assert "王丽娟" in page and 'href="tel:13800001111"' in page
    assert 'data-testid="login-prompt"' not in page


def test_anonymous_visitor_gets_login_prompt(client, home_page, publish_notice, grid_tree):
    publish_notice("全站通知：端午节放假安排")
    publish_notice("东栅社区停电通知", grid_tree["dongzha"])
    page = client.get("/").content.decode()
    assert 'data-testid="login-prompt"' in page
    assert 'href="/accounts/login/?next=/"' in page and 'href="/accounts/register/"' in page
    assert "端午节放假安排" in page and "停电通知" not in page
    assert 'data-testid="grid-card"' not in page


def test_latest_notices_and_more_link(client, resident, home_page, publish_notice, grid_tree):
    for n in range(7):
        publish_notice(f"第{n}期网格简报", grid_tree["grid1"], age_minutes=10 - n)
    client.force_login(resident)
    page = client.get("/").content.decode()
    assert page.count('data-testid="notice-item"') == 5
    assert 'href="/notices/" data-testid="more-notices"' in page


def test_plugin_home_panels(client, resident, home_page, register_temporarily):
    register_temporarily(manifest("panels", "志愿服务"), PanelHooks())
    client.force_login(resident)
    page = client.get("/").content.decode()
    assert "本周志愿活动" in page and "东栅一网格1号微网格：周六上午清理河道" in page


def _queries(client) -> int:
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


def test_home_query_count_constant_as_notices_and_plugins_grow(
        client, resident, home_page, publish_notice, grid_tree, register_temporarily):
    client.force_login(resident)
    publish_notice("第一条通知", grid_tree["micro"])
    register_temporarily(manifest("app00", "应用零"), PanelHooks())
    baseline = _queries(client)
    for n in range(1, 12):
        publish_notice(f"第{n}条追加通知", grid_tree["dongzha"])
        register_temporarily(manifest(f"app{n:02d}", f"应用{n}", icon=f"app{n:02d}/icon.svg"),
                             PanelHooks())
    assert _queries(client) == baseline


def test_home_api_anonymous_and_resident(client, resident, home_page, publish_notice,
                                         grid_tree, register_temporarily):
    register_temporarily(manifest("helpline", "便民热线", icon="hotline/icon.svg"))
    publish_notice("全站通知：端午节放假安排")
    publish_notice("东栅社区停电通知", grid_tree["dongzha"])
    anonymous = client.get("/api/home/").json()
    assert anonymous["grid_card"] is None
    assert [n["title"] for n in anonymous["notices"]] == ["全站通知：端午节放假安排"]
    tile = next(t for t in anonymous["tiles"] if t["slug"] == "helpline")
    assert tile == {"slug": "helpline", "label": "便民热线", "icon": "/static/hotline/icon.svg",
                    "colour": "#1677ff", "url": "/helpline/"}
    client.force_login(resident)
    data = client.get("/api/home/").json()
    assert {n["title"] for n in data["notices"]} == {"全站通知：端午节放假安排", "东栅社区停电通知"}
    assert data["grid_card"]["head_name"] == "王丽娟"
    assert data["grid_card"]["tel"] == "tel:13800001111"
