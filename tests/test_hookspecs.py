"""Every hookspec is documented and tested (datasette's meta-tests), and works."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from django.test import RequestFactory
from wagtail.admin.menu import admin_menu

from core.plugins import hookspecs, state
from core.plugins.context import PluginContext
from core.plugins.hookspecs import hookimpl
from core.plugins.host import host
from core.plugins.manifest import PluginManifest
from core.plugins.middleware import plugin_context_for
from core.plugins.types import HomePanel, NavLink, SearchHit

DOCS = Path(__file__).resolve().parent.parent / "docs" / "plugin-hooks.md"
SPECS = {
    name: fn
    for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
    if hasattr(fn, "jiayuan_spec")
}


def _signature(fn) -> str:
    return (fn.__name__ + str(inspect.signature(fn))).replace("'", "")


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_hook_is_documented_with_its_signature(name):
    headings = re.findall(r"^### (.+)$", DOCS.read_text(), flags=re.M)
    assert _signature(SPECS[name]) in headings


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_hook_has_a_test(name):
    assert f"test_hook_{name}" in globals(), f"write test_hook_{name}"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_hook_has_a_one_line_docstring(name):
    doc = SPECS[name].__doc__ or ""
    assert doc.strip() and "\n" not in doc.strip()


class Recorder:
    """A fake plugin implementing the runtime hooks and recording calls."""

    def __init__(self):
        self.calls: list[tuple[str, dict]] = []

    @hookimpl
    def home_panels(self, request, grid):
        self.calls.append(("home_panels", {"grid": grid}))
        return [HomePanel(title="记录面板", html="<p>记录</p>", order=5)]

    @hookimpl
    def detail_panels(self, request, obj):
        self.calls.append(("detail_panels", {"obj": obj}))
        if getattr(obj, "_meta", None) is None or obj._meta.label != "identity.User":
            return []
        return [HomePanel(title="记录详情", html="<p>详情</p>", order=7)]

    @hookimpl
    def user_center_links(self, user):  # fewer arguments than the spec: allowed
        self.calls.append(("user_center_links", {"user": user}))
        return [NavLink("我的记录", "/recorder/")]

    @hookimpl
    def search(self, query, terms):
        self.calls.append(("search", {"query": query, "terms": terms}))
        return [SearchHit(title=f"记录：{query}", url="/recorder/", kind="记录")]

    @hookimpl
    def on_event(self, name, payload):
        self.calls.append(("on_event", {"name": name, "payload": payload}))

    @hookimpl
    def plugin_enabled(self, site, grid, user):
        self.calls.append(("plugin_enabled", {"grid": grid}))

    @hookimpl
    def plugin_disabled(self, site, grid, user):
        self.calls.append(("plugin_disabled", {"grid": grid}))

    @hookimpl
    def health_checks(self):
        return ["短信通道未配置"]

    @hookimpl
    def export_user_data(self, user):
        return {"records": [user.name]}

    @hookimpl
    def load_demo_content(self, site):
        self.calls.append(("load_demo_content", {"site": site}))


RECORDER_MANIFEST = PluginManifest(
    slug="recorder", label="记录应用", label_en="Recorder", version="1.0.0"
)


@pytest.fixture
def recorder(register_temporarily):
    plugin = Recorder()
    register_temporarily(RECORDER_MANIFEST, plugin)
    return plugin


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    request.plugins = plugin_context_for(request)
    return request


def _context(user) -> PluginContext:
    return _request(user).plugins


# --- registration hooks (the test plugin "probe" implements them) -----------


@pytest.mark.django_db
def test_hook_register_urls(client, home_page):
    assert client.get("/probe/").json()["pid"] > 0


@pytest.mark.django_db
def test_hook_register_api_urls(client, home_page):
    assert client.get("/api/probe/whoami/").status_code == 200


@pytest.mark.django_db
def test_hook_register_admin_urls(client, admin_user, home_page):
    client.force_login(admin_user)
    response = client.get("/admin/p/probe/")
    assert response.status_code == 200 and response.content == b"probe admin"


@pytest.mark.django_db
def test_hook_register_admin_viewsets(client, admin_user, home_page, set_plugin):
    client.force_login(admin_user)
    assert client.get("/admin/probe_tools/").status_code == 200
    set_plugin("probe", False)
    assert client.get("/admin/probe_tools/").status_code == 404


@pytest.mark.django_db
def test_hook_register_admin_menu_items(admin_user, set_plugin):
    request = _request(admin_user)
    names = {item.name for item in admin_menu.menu_items_for_request(request)}
    assert {"probe-admin", "probe_tools"} <= names
    set_plugin("probe", False)
    request = _request(admin_user)
    names = {item.name for item in admin_menu.menu_items_for_request(request)}
    assert not names & {"probe-admin", "probe_tools"}


# --- runtime hooks -----------------------------------------------------------


@pytest.mark.django_db
def test_hook_home_panels(recorder, resident):
    from core.portal.services import home_context

    context = home_context(_request(resident))
    assert [p.title for p in context["home_panels"]] == ["记录面板"]
    assert recorder.calls[0] == ("home_panels", {"grid": resident.home_grid})


@pytest.mark.django_db
def test_hook_detail_panels(recorder, resident, grid_tree):
    results = _context(resident).call("detail_panels", request=None, obj=resident)
    assert results == [("recorder", [HomePanel(title="记录详情", html="<p>详情</p>", order=7)])]
    other = _context(resident).call("detail_panels", request=None, obj=grid_tree["grid1"])
    assert other == [("recorder", [])]


@pytest.mark.django_db
def test_hook_user_center_links(recorder, resident):
    results = _context(resident).call("user_center_links", request=None, user=resident)
    assert results == [("recorder", [NavLink("我的记录", "/recorder/")])]


@pytest.mark.django_db
def test_hook_search(recorder, resident):
    results = _context(resident).call("search", request=None, query="网格", terms=["网格"])
    assert results[0][1][0].title == "记录：网格"


@pytest.mark.django_db
def test_hook_on_event(recorder, resident):
    _context(resident).call("on_event", name="identity.verified", payload={"user_id": 7})
    assert ("on_event", {"name": "identity.verified", "payload": {"user_id": 7}}) in recorder.calls


@pytest.mark.django_db
def test_hook_plugin_enabled(recorder, grid_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        state.set_enabled("recorder", True, grid=grid_tree["nanhu"])
    assert ("plugin_enabled", {"grid": grid_tree["nanhu"]}) in recorder.calls


@pytest.mark.django_db
def test_hook_plugin_disabled(recorder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        state.set_enabled("recorder", False)
    assert ("plugin_disabled", {"grid": None}) in recorder.calls


@pytest.mark.django_db
def test_hook_health_checks(recorder, client, admin_user, home_page):
    client.force_login(admin_user)
    response = client.get("/admin/plugins/recorder/")
    assert "短信通道未配置" in response.content.decode()


@pytest.mark.django_db
def test_hook_export_user_data(recorder, resident):
    assert host.call_one("recorder", "export_user_data", user=resident) == [
        ("recorder", {"records": [resident.name]})
    ]


@pytest.mark.django_db
def test_hook_load_demo_content(recorder, home_page, tmp_path):
    from wagtail.models import Site

    from core.instance.loader import load_demo_content

    load_demo_content(Site.objects.get(is_default_site=True))
    assert ("load_demo_content", {"site": Site.objects.get(is_default_site=True)}) in recorder.calls
