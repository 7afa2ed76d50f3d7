"""What the resident pages show, computed once per request."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils.translation import get_language

from core.grids.models import Grid
from core.plugins.manifest import PluginManifest


@dataclass(frozen=True)
class Tile:
    """One icon in the resident's app grid."""

    slug: str
    label: str
    icon_url: str  # "" when the plugin has no icon: the tile shows ``initial``
    colour: str
    url: str

    @property
    def initial(self) -> str:
        return self.label[:1]


def reader_grid(request) -> Grid | None:
    """The grid whose notices and apps a visitor sees: their home grid, if any."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return user.home_grid or user.scope_grid


def grid_card(grid: Grid | None) -> Grid | None:
    """The nearest node in the chain with a named head: the resident's grid card."""
    if grid is None:
        return None
    for node in reversed(grid.chain()):
        if node.head_name:
            return node
    return None


def plugin_label(manifest: PluginManifest) -> str:
    """The manifest's label in the active language (Chinese unless English is chosen)."""
    language = get_language() or ""
    if language.startswith("en") and manifest.label_en:
        return manifest.label_en
    return str(manifest.label)


def static_url(path: str) -> str:
    """The URL of a static file, or "" if it is missing from the manifest."""
    if not path:
        return ""
    try:
        return staticfiles_storage.url(path)
    except ValueError:  # not collected: show the tile's initial instead of a broken image
        return ""


def tiles_for(request) -> list[Tile]:
    """The app grid: enabled plugins in the administrators' order."""
    return [
        Tile(
            slug=manifest.slug,
            label=plugin_label(manifest),
            icon_url=static_url(manifest.icon),
            colour=manifest.colour,
            url=manifest.entry_url,
        )
        for manifest in request.plugins.tiles()
    ]


def home_context(request) -> dict:
    """The app grid, the latest notices for the grid chain, the grid card, panels."""
    from .models import NoticeIndexPage, notices_visible_to

    grid = reader_grid(request)
    panels = [
        panel
        for _slug, items in request.plugins.call("home_panels", request=request, grid=grid)
        for panel in items
    ]
    return {
        "tiles": tiles_for(request),
        "latest_notices": list(notices_visible_to(grid)[:5]),
        "notice_index": NoticeIndexPage.objects.live().first(),
        "reader_grid": grid,
        "grid_card": grid_card(grid),
        "home_panels": sorted(panels, key=lambda p: p.order),
        "tab": "home",
    }
