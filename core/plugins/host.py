"""The plugin host: registers installed plugins with pluggy and calls them safely.

One instance per process (``host``). Registration happens once, in
``PluginsConfig.ready()``; every runtime call goes through :meth:`PluginHost.call`,
which skips plugins that are disabled where the request comes from and isolates
each implementation: one faulty plugin is logged and recorded, never a 500.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Iterable
from importlib import import_module
from types import ModuleType
from typing import Any

import pluggy
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils import timezone

from . import hookspecs
from .manifest import PluginManifest
from .snapshot import PluginSnapshot

logger = logging.getLogger("jiayuan.plugins")

VERSION_CACHE_KEY = "plugins:version"


class PluginHost:
    def __init__(self) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.manifests: dict[str, PluginManifest] = {}
        self.load_errors: dict[str, str] = {}  # slug -> traceback of a failed load
        self.recent_errors: dict[str, str] = {}  # slug -> last error in this process
        self._snapshot: PluginSnapshot | None = None
        self._lock = threading.Lock()

    # --- registration -------------------------------------------------------
    def register(self, manifest: PluginManifest, hooks: ModuleType | object | None) -> None:
        """Register one plugin; a plugin whose hooks fail validation is recorded as broken."""
        self.manifests[manifest.slug] = manifest
        if hooks is None:
            return
        try:
            self.pm.register(hooks, name=manifest.slug)
        except Exception as exc:  # noqa: BLE001 — a bad plugin must not stop the others
            self.load_errors[manifest.slug] = "".join(traceback.format_exception(exc))
            logger.exception("plugin %s could not be registered", manifest.slug)

    def register_app(self, app_config) -> None:
        """Register a PluginAppConfig and import its hooks module, guarded."""
        manifest: PluginManifest = app_config.manifest
        try:
            hooks = import_module(app_config.get_hooks_module())
        except ModuleNotFoundError as exc:
            if exc.name != app_config.get_hooks_module():
                self._record_load_error(manifest, exc)
            hooks = None
        except Exception as exc:  # noqa: BLE001 — isolate a plugin that fails to import
            self._record_load_error(manifest, exc)
            hooks = None
        self.register(manifest, hooks)

    def _record_load_error(self, manifest: PluginManifest, exc: BaseException) -> None:
        self.manifests[manifest.slug] = manifest
        self.load_errors[manifest.slug] = "".join(traceback.format_exception(exc))
        logger.exception("plugin %s failed to load its hooks", manifest.slug)

    def unregister(self, slug: str) -> None:
        """Remove a plugin from this process (used by tests)."""
        self.manifests.pop(slug, None)
        if self.pm.get_plugin(slug) is not None:
            self.pm.unregister(name=slug)

    def manifest(self, slug: str) -> PluginManifest | None:
        return self.manifests.get(slug)

    # --- state ----------------------------------------------------------------
    def current_version(self) -> int:
        """The shared version stamp: from the shared cache, else the database."""
        from .models import PluginStateVersion

        if settings.JIAYUAN_SHARED_CACHE:
            value = cache.get(VERSION_CACHE_KEY)
            if value is not None:
                return int(value)
        value = (
            PluginStateVersion.objects.filter(pk=1).values_list("value", flat=True).first()
            or 0
        )
        if settings.JIAYUAN_SHARED_CACHE:
            cache.add(VERSION_CACHE_KEY, value, timeout=None)  # never overwrite a newer stamp
        return value

    def snapshot(self) -> PluginSnapshot:
        """This process's snapshot, reloaded only when the shared stamp has moved."""
        version = self.current_version()
        snap = self._snapshot
        if snap is not None and snap.version == version:
            return snap
        with self._lock:
            if self._snapshot is None or self._snapshot.version != version:
                self._snapshot = self._load(version)
            return self._snapshot

    def _load(self, version: int) -> PluginSnapshot:
        from .models import PluginState, PluginStateVersion

        # Tag the rows with the stamp the database holds, not the one the cache
        # reported: a cache that is ahead (flushed database, restored backup)
        # must not let an older set of rows pass for the newer stamp.
        with transaction.atomic():
            stored = PluginStateVersion.objects.filter(pk=1).values_list("value", flat=True)
            version = stored.first() or 0
            rows = list(PluginState.objects.values_list(
                "site_id", "slug", "grid__path", "enabled", "config", "sort_order"
            ))
        return PluginSnapshot.from_rows(version, rows)

    def forget_snapshot(self) -> None:
        """Drop the cached snapshot (tests, and after a local bump)."""
        self._snapshot = None

    # --- calling --------------------------------------------------------------
    def call(
        self,
        hook_name: str,
        enabled: Iterable[str] | None = None,
        *,
        persist_errors: bool = True,
        **kwargs: Any,
    ) -> list[tuple[str, Any]]:
        """Call a hook on each plugin in ``enabled`` (all if None), isolating errors.

        Returns ``(slug, result)`` pairs in registration order, without None results.
        """
        caller = getattr(self.pm.hook, hook_name)
        allowed = None if enabled is None else set(enabled)
        results: list[tuple[str, Any]] = []
        for impl in caller.get_hookimpls():
            slug = impl.plugin_name
            if allowed is not None and slug not in allowed:
                continue
            try:
                result = impl.function(*[kwargs[name] for name in impl.argnames])
            except Exception as exc:  # noqa: BLE001 — isolation is the point of this caller
                self.record_error(slug, hook_name, exc, persist=persist_errors)
                continue
            if result is not None:
                results.append((slug, result))
        return results

    def call_one(self, slug: str, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call a hook on one plugin only (lifecycle and admin hooks)."""
        return self.call(hook_name, enabled=[slug], **kwargs)

    def call_registration(self, hook_name: str) -> dict[str, list[Any]]:
        """Call a start-up ``register_*`` hook on every installed plugin, guarded."""
        collected: dict[str, list[Any]] = {}
        # Start-up may run before a database is reachable: keep errors in memory.
        for slug, result in self.call(hook_name, persist_errors=False):
            collected.setdefault(slug, []).extend(result)
        return collected

    def record_error(
        self, slug: str, where: str, exc: BaseException, *, persist: bool = True
    ) -> None:
        """Log a plugin's exception and keep it for the 应用管理 page."""
        text = f"{where}: {type(exc).__name__}: {exc}"
        logger.error("plugin %s raised in %s", slug, where, exc_info=exc)
        self.recent_errors[slug] = text
        if not persist:
            # Several start-up hooks may fail: keep every one, not just the first.
            earlier = self.load_errors.get(slug, "")
            if text not in earlier:
                self.load_errors[slug] = f"{earlier}\n{text}".strip()
            return
        try:
            _store_health(slug, text)
        except DatabaseError:
            logger.warning("could not record the error of plugin %s", slug)


def _store_health(slug: str, text: str) -> None:
    from django.db.models import F

    from .models import PluginHealth

    # A savepoint keeps a failed write from poisoning the caller's transaction.
    with transaction.atomic():
        updated = PluginHealth.objects.filter(slug=slug).update(
            error_count=F("error_count") + 1, last_error=text, last_error_at=timezone.now()
        )
        if not updated:
            PluginHealth.objects.create(
                slug=slug, error_count=1, last_error=text, last_error_at=timezone.now()
            )


host = PluginHost()
