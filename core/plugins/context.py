"""What plugins are enabled for one request: its site and the user's grid."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any

from .host import PluginHost
from .host import host as default_host
from .manifest import PluginManifest
from .snapshot import PluginSnapshot


class PluginContext:
    """Answers "is plugin X on here?" for one site and one grid (or the whole site)."""

    def __init__(
        self,
        snapshot: PluginSnapshot,
        site_id: int | None,
        grid_path: str | None,
        plugin_host: PluginHost | None = None,
    ) -> None:
        self.snapshot = snapshot
        self.site_id = site_id
        self.grid_path = grid_path
        self.host = plugin_host or default_host

    def is_enabled(self, slug: str) -> bool:
        manifest = self.host.manifest(slug)
        if manifest is None:
            return False
        if manifest.essential:
            return True
        return self.snapshot.is_enabled(
            slug, self.site_id, self.grid_path, manifest.default_enabled
        )

    def is_enabled_for_staff(self, slug: str) -> bool:
        """For the admin: on for this grid, or (without a grid) on anywhere in the site."""
        if self.grid_path:
            return self.is_enabled(slug)
        manifest = self.host.manifest(slug)
        if manifest is None:
            return False
        return manifest.essential or self.snapshot.is_enabled_anywhere(
            slug, self.site_id, manifest.default_enabled
        )

    @cached_property
    def enabled_slugs(self) -> tuple[str, ...]:
        return tuple(slug for slug in self.host.manifests if self.is_enabled(slug))

    def enabled_manifests(self) -> list[PluginManifest]:
        return [self.host.manifests[slug] for slug in self.enabled_slugs]

    def tiles(self) -> list[PluginManifest]:
        """The app grid: enabled plugins with a tile, in the administrators' order."""
        def key(manifest: PluginManifest) -> tuple[int, str]:
            order = self.snapshot.sort_order(manifest.slug, self.site_id)
            return (manifest.tile_order if order is None else order, manifest.slug)

        return sorted((m for m in self.enabled_manifests() if m.show_tile), key=key)

    def config(self, slug: str) -> Mapping[str, Any]:
        """A plugin's settings for this site, over its manifest defaults."""
        manifest = self.host.manifest(slug)
        defaults = dict(manifest.default_settings) if manifest else {}
        return {**defaults, **self.snapshot.config(slug, self.site_id)}

    def call(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call a runtime hook on the plugins enabled here."""
        return self.host.call(hook_name, enabled=self.enabled_slugs, **kwargs)
