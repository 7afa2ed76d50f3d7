"""System checks for the plugin contract (run by ``manage.py check`` and in CI)."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.core import checks
from packaging.specifiers import InvalidSpecifier, SpecifierSet

import core

from .manifest import PluginAppConfig


@checks.register()
def check_plugin_manifests(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Each plugin's slug is its app label, its core range admits us, its deps exist."""
    from .host import host

    errors: list[checks.CheckMessage] = []
    installed = {c.label for c in apps.get_app_configs() if isinstance(c, PluginAppConfig)}
    for config in apps.get_app_configs():
        if not isinstance(config, PluginAppConfig):
            continue
        manifest = config.manifest
        if manifest.slug != config.label:
            errors.append(checks.Error(
                f"Plugin {config.name}: manifest slug {manifest.slug!r} differs from "
                f"app label {config.label!r}.", id="jiayuan.E001",
            ))
        try:
            if core.__version__ not in SpecifierSet(manifest.requires_core):
                errors.append(checks.Error(
                    f"Plugin {manifest.slug} requires core {manifest.requires_core}, "
                    f"this is {core.__version__}.", id="jiayuan.E002",
                ))
        except InvalidSpecifier:
            errors.append(checks.Error(
                f"Plugin {manifest.slug}: bad requires_core {manifest.requires_core!r}.",
                id="jiayuan.E003",
            ))
        for dep in manifest.depends_on:
            if dep not in installed:
                errors.append(checks.Error(
                    f"Plugin {manifest.slug} depends on {dep!r}, which is not installed.",
                    id="jiayuan.E004",
                ))
        if (Path(config.path) / "wagtail_hooks.py").exists():
            errors.append(checks.Error(
                f"Plugin {manifest.slug} has wagtail_hooks.py; Wagtail integration goes "
                "through register_admin_* hooks so that the enabled-guard applies.",
                id="jiayuan.E005",
            ))
    for slug, trace in host.load_errors.items():
        errors.append(checks.Warning(
            f"Plugin {slug} failed to load: {trace.strip().splitlines()[-1]}",
            id="jiayuan.W001",
        ))
    try:
        host.pm.check_pending()
    except Exception as exc:  # noqa: BLE001 — report, don't crash `check`
        errors.append(checks.Error(f"Unknown hook implemented: {exc}", id="jiayuan.E006"))
    return errors
