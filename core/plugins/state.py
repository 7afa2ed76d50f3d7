"""Changing plugin state: the only code that writes PluginState.

Every change happens in one transaction with a bump of the version stamp, is
written to Wagtail's audit log, and publishes the new stamp to the shared cache
after commit, so every worker process reloads on its next request.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Site

from core.grids.models import Grid

from .host import VERSION_CACHE_KEY, host
from .models import PluginState, PluginStateVersion

ACTION_ENABLED = "jiayuan.plugin_enabled"
ACTION_DISABLED = "jiayuan.plugin_disabled"
ACTION_SCOPE_REMOVED = "jiayuan.plugin_scope_removed"
ACTION_CONFIGURED = "jiayuan.plugin_configured"
ACTION_REORDERED = "jiayuan.plugin_reordered"


def bump_version() -> int:
    """Move the stamp (inside the caller's transaction) and publish it on commit.

    The cached stamp is dropped at once and set after commit; readers only ever
    ``add`` it, so a reader that saw the old value cannot overwrite the new one.
    """
    if settings.JIAYUAN_SHARED_CACHE:
        cache.delete(VERSION_CACHE_KEY)
    PluginStateVersion.objects.get_or_create(pk=1)
    PluginStateVersion.objects.filter(pk=1).update(value=F("value") + 1)
    value = PluginStateVersion.objects.values_list("value", flat=True).get(pk=1)

    def publish() -> None:
        if settings.JIAYUAN_SHARED_CACHE:
            cache.set(VERSION_CACHE_KEY, value, timeout=None)
        host.forget_snapshot()

    transaction.on_commit(publish)
    return value


def _require_plugin(slug: str):
    manifest = host.manifest(slug)
    if manifest is None:
        raise ValidationError(_("未安装名为“%(slug)s”的应用。") % {"slug": slug})
    return manifest


def _sitewide_row(site: Site, slug: str, default_enabled: bool) -> PluginState:
    row, _created = PluginState.objects.select_for_update().get_or_create(
        site=site, slug=slug, grid=None, defaults={"enabled": default_enabled}
    )
    return row


def set_enabled(
    slug: str,
    enabled: bool,
    *,
    site: Site | None = None,
    grid: Grid | None = None,
    user: Any = None,
) -> PluginState:
    """Enable or disable a plugin for a site, or for one grid subtree of it.

    Idempotent: setting the state it already has changes nothing but the log.
    """
    manifest = _require_plugin(slug)
    site = site or Site.objects.get(is_default_site=True)
    if manifest.essential and not enabled:
        raise ValidationError(_("“%(label)s”是基础应用，不能停用。") % {"label": manifest.label})
    if enabled:
        missing = [dep for dep in manifest.depends_on if dep in host.manifests and not
                   _enabled_sitewide(dep, site)]
        if missing:
            raise ValidationError(
                _("请先启用它依赖的应用：%(deps)s") % {"deps": "、".join(missing)}
            )
    with transaction.atomic():
        if grid is None:
            row = _sitewide_row(site, slug, manifest.default_enabled)
        else:
            row, _created = PluginState.objects.select_for_update().get_or_create(
                site=site, slug=slug, grid=grid, defaults={"enabled": enabled}
            )
        changed = row.enabled != enabled or row.pk is None
        row.enabled = enabled
        row.updated_by = user if getattr(user, "pk", None) else None
        row.save()
        bump_version()
        log(
            row, ACTION_ENABLED if enabled else ACTION_DISABLED, user=_actor(user),
            data={"slug": slug, "grid": grid.code if grid else None, "changed": changed},
        )
    hook = "plugin_enabled" if enabled else "plugin_disabled"
    transaction.on_commit(
        lambda: host.call_one(slug, hook, site=site, grid=grid, user=user)
    )
    return row


def remove_scope(slug: str, grid: Grid, *, site: Site | None = None, user: Any = None) -> bool:
    """Delete a subtree override, so the subtree follows its ancestors again."""
    _require_plugin(slug)
    site = site or Site.objects.get(is_default_site=True)
    with transaction.atomic():
        row = PluginState.objects.filter(site=site, slug=slug, grid=grid).first()
        if row is None:
            return False
        log(row, ACTION_SCOPE_REMOVED, user=_actor(user), data={"slug": slug, "grid": grid.code})
        row.delete()
        bump_version()
    return True


def save_config(slug: str, config: dict[str, Any], *, site: Site, user: Any = None) -> PluginState:
    """Store a plugin's settings (already cleaned by its settings form)."""
    manifest = _require_plugin(slug)
    with transaction.atomic():
        row = _sitewide_row(site, slug, manifest.default_enabled)
        row.config = config
        row.updated_by = user if getattr(user, "pk", None) else None
        row.save()
        bump_version()
        log(row, ACTION_CONFIGURED, user=_actor(user), data={"slug": slug, "config": config})
    return row


def save_order(orders: dict[str, int], *, site: Site, user: Any = None) -> None:
    """Set the app-grid order of several plugins at once."""
    with transaction.atomic():
        for slug, order in orders.items():
            manifest = _require_plugin(slug)
            row = _sitewide_row(site, slug, manifest.default_enabled)
            if row.sort_order != order:
                row.sort_order = order
                row.save(update_fields=["sort_order", "updated_at"])
                log(row, ACTION_REORDERED, user=_actor(user), data={"slug": slug, "order": order})
        bump_version()


def _enabled_sitewide(slug: str, site: Site) -> bool:
    manifest = host.manifest(slug)
    row = PluginState.objects.filter(site=site, slug=slug, grid=None).first()
    return row.enabled if row else bool(manifest and manifest.default_enabled)


def _actor(user: Any):
    return user if getattr(user, "pk", None) else None
