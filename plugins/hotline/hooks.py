"""Hook implementations: thin, they delegate to services, views and the demo loader."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.plugins.hookspecs import hookimpl
from core.plugins.types import HomePanel, SearchHit
from core.portal.services import reader_grid

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
def register_admin_viewsets():
    from .viewsets import hotline_viewset

    return [hotline_viewset]


@hookimpl
def home_panels(request, grid) -> list[HomePanel]:
    from . import services

    entries = services.top_entries(grid)
    if not entries:
        return []
    # No request: the portal's context processors would add queries to every home page.
    html = render_to_string(
        "hotline/_panel.html", {"entries": entries, "index_url": MANIFEST.entry_url}
    )
    return [HomePanel(title=_("一键拨号"), html=html, order=20)]


@hookimpl
def search(request, query: str, terms: list[str]) -> list[SearchHit]:
    from . import services

    kind = _("便民热线")
    return [
        SearchHit(
            title=f"{entry.name} {entry.number}",
            url=f"{MANIFEST.entry_url}#hotline-{entry.pk}",
            summary=entry.description,
            kind=kind,
            score=0.5,
        )
        for entry in services.search_entries(reader_grid(request), query, terms)
    ]


@hookimpl
def load_demo_content(site: Any) -> None:
    from . import demo

    demo.load()
