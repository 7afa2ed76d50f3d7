"""Every hook a Jiayuan plugin can implement, in one place.

Registration hooks (``register_*``) run once per process for every installed
plugin, at start-up; their results are mounted or registered and then guarded so
that a disabled plugin's parts answer 404 or stay hidden. Runtime hooks run only
for the plugins enabled where the request comes from, through the guarded caller
``core.plugins.host.host.call``. Implementations may accept fewer arguments than
the spec names, so new arguments can be added without breaking plugins.

Each hook is documented, with its exact signature, in docs/plugin-hooks.md, and
tested in tests/test_hookspecs.py; meta-tests enforce both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django.urls import URLPattern, URLResolver
    from wagtail.admin.menu import MenuItem
    from wagtail.admin.viewsets.base import ViewSet

    from core.grids.models import Grid
    from core.plugins.types import HomePanel, NavLink, SearchHit

PROJECT = "jiayuan"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


# --- registration: once per process, for every installed plugin --------------


@hookspec
def register_urls() -> list[URLPattern | URLResolver]:
    """Resident-facing routes, mounted at /<slug>/ in the <slug> namespace."""


@hookspec
def register_api_urls() -> list[URLPattern | URLResolver]:
    """JSON API routes, mounted at /api/<slug>/ in the <slug>-api namespace."""


@hookspec
def register_admin_urls() -> list[URLPattern | URLResolver]:
    """Wagtail admin routes, mounted at /admin/p/<slug>/."""


@hookspec
def register_admin_viewsets() -> list[ViewSet]:
    """Wagtail ModelViewSets or SnippetViewSets using PluginViewSetMixin."""


@hookspec
def register_admin_menu_items() -> list[MenuItem]:
    """Extra Wagtail admin menu items, shown only while the plugin is enabled."""


# --- runtime: per request, for enabled plugins only ---------------------------


@hookspec
def home_panels(request: HttpRequest, grid: Grid | None) -> list[HomePanel]:
    """Blocks shown on the resident's home page below the app grid."""


@hookspec
def detail_panels(request: HttpRequest, obj: Any) -> list[HomePanel]:
    """Blocks added to another plugin's detail page for obj (e.g. a report's mediation)."""


@hookspec
def user_center_links(request: HttpRequest, user: Any) -> list[NavLink]:
    """Entries on the resident's "我的" page."""


@hookspec
def search(request: HttpRequest, query: str, terms: list[str]) -> list[SearchHit]:
    """Site-search results for a query (terms are its jieba-segmented words)."""


@hookspec
def on_event(name: str, payload: dict[str, Any]) -> None:
    """React to a core event such as "identity.verified"."""


# --- lifecycle and administration: only the plugin concerned ------------------


@hookspec
def plugin_enabled(site: Any, grid: Grid | None, user: Any) -> None:
    """Idempotent set-up when an administrator enables the plugin."""


@hookspec
def plugin_disabled(site: Any, grid: Grid | None, user: Any) -> None:
    """Clean-up when the plugin is disabled; its data is always kept."""


@hookspec
def health_checks() -> list[str]:
    """Problems to show administrators on 应用管理 (empty when healthy)."""


@hookspec
def export_user_data(user: Any) -> dict[str, Any]:
    """The personal data this plugin holds about a user, for export."""


@hookspec
def load_demo_content(site: Any) -> None:
    """Create this plugin's demo content, idempotently (``load_site --demo``)."""
