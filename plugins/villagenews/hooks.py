"""Hook implementations: thin, they delegate to services, views and the demo loader."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.plugins.hookspecs import hookimpl
from core.plugins.types import HomePanel, SearchHit

from .manifest import MANIFEST


@hookimpl
def register_urls():
    from .urls import urlpatterns

    return urlpatterns


@hookimpl
def register_api_urls():
    from .api import urlpatterns

    return urlpatterns


@hookimpl
def home_panels(request, grid) -> list[HomePanel]:
    from .services import latest_for

    news = latest_for(grid)
    if not news:
        return []
    items = [{"news": item, "url": item.get_url(request) or ""} for item in news]
    # No request in the template context: the portal's context processors would add
    # queries to every home page.
    html = render_to_string(
        "villagenews/_panel.html", {"items": items, "index_url": MANIFEST.entry_url}
    )
    return [HomePanel(title=_("村情动态"), html=html, order=30)]


@hookimpl
def search(request, terms: list[str]) -> list[SearchHit]:
    from .services import search_news

    return search_news(request, terms)


@hookimpl
def plugin_enabled(site: Any) -> None:
    from .services import ensure_index

    # Enabling for one subtree needs the same (site-wide) section as enabling for all.
    ensure_index(site)


@hookimpl
def health_checks() -> list[str]:
    from .models import VillageNewsIndexPage

    if VillageNewsIndexPage.objects.live().exists():
        return []
    return [_("还没有已发布的村情动态栏目页：停用后重新启用本应用即可自动创建。")]


@hookimpl
def load_demo_content(site: Any) -> None:
    from . import demo

    demo.load(site)
