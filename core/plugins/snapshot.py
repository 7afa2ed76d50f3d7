"""An immutable picture of every plugin switch, shared by all requests of a process.

A process builds one on start and rebuilds it only when the version stamp moves
(see ``host.PluginHost.snapshot``); requests then answer "is X enabled here?"
from memory, so the number of queries a page makes does not grow with plugins.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

SiteSlug = tuple[int, str]


@dataclass(frozen=True)
class PluginSnapshot:
    version: int
    # (site_id, slug) -> the site-wide row's (enabled, config, sort_order)
    sitewide: Mapping[SiteSlug, tuple[bool, Mapping[str, Any], int | None]] = field(
        default_factory=dict
    )
    # (site_id, slug) -> ((grid_path, enabled), ...) deepest path first
    subtrees: Mapping[SiteSlug, tuple[tuple[str, bool], ...]] = field(
        default_factory=dict
    )

    @classmethod
    def from_rows(cls, version: int, rows) -> PluginSnapshot:
        """Build from (site_id, slug, grid_path|None, enabled, config, sort_order)."""
        sitewide: dict[SiteSlug, tuple[bool, Mapping[str, Any], int | None]] = {}
        subtrees: dict[SiteSlug, list[tuple[str, bool]]] = {}
        for site_id, slug, path, enabled, config, sort_order in rows:
            if path is None:
                sitewide[(site_id, slug)] = (
                    enabled, MappingProxyType(dict(config or {})), sort_order
                )
            else:
                subtrees.setdefault((site_id, slug), []).append((path, enabled))
        frozen_subtrees = {
            key: tuple(sorted(items, key=lambda item: -len(item[0])))
            for key, items in subtrees.items()
        }
        return cls(
            version, MappingProxyType(sitewide), MappingProxyType(frozen_subtrees)
        )

    def is_enabled(
        self, slug: str, site_id: int | None, grid_path: str | None, default: bool
    ) -> bool:
        """The nearest ancestor's switch, else the site-wide one, else the default."""
        key = (site_id or 0, slug)
        if grid_path:
            for path, enabled in self.subtrees.get(key, ()):
                if grid_path.startswith(path):
                    return enabled
        row = self.sitewide.get(key)
        return row[0] if row is not None else default

    def is_enabled_anywhere(self, slug: str, site_id: int | None, default: bool) -> bool:
        """Enabled for the site or for at least one subtree of it."""
        key = (site_id or 0, slug)
        if self.is_enabled(slug, site_id, None, default):
            return True
        return any(enabled for _path, enabled in self.subtrees.get(key, ()))

    def config(self, slug: str, site_id: int | None) -> Mapping[str, Any]:
        row = self.sitewide.get((site_id or 0, slug))
        return row[1] if row is not None else MappingProxyType({})

    def sort_order(self, slug: str, site_id: int | None) -> int | None:
        row = self.sitewide.get((site_id or 0, slug))
        return row[2] if row is not None else None
