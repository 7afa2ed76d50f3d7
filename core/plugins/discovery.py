"""Find installed plugins without importing them.

Settings call :func:`discover_plugin_apps` before Django is set up, so this module
imports nothing from Django and never imports a plugin: a plugin that crashes on
import must not take the settings module down with it (``JIAYUAN_PLUGINS_BLOCKED``
is the escape hatch for one that crashes later, in ``ready()``).
"""

from __future__ import annotations

import os
from importlib.metadata import entry_points
from pathlib import Path

ENTRY_POINT_GROUP = "jiayuan.plugins"


def blocked_slugs(environ: dict[str, str] | None = None) -> set[str]:
    """Slugs named in ``JIAYUAN_PLUGINS_BLOCKED`` (comma separated)."""
    raw = (environ if environ is not None else os.environ).get(
        "JIAYUAN_PLUGINS_BLOCKED", ""
    )
    return {slug.strip() for slug in raw.split(",") if slug.strip()}


def local_plugin_apps(plugins_dir: Path) -> list[str]:
    """Dotted AppConfig modules for every ``plugins/<slug>/apps.py``."""
    return [
        f"plugins.{child.name}"
        for child in sorted(plugins_dir.iterdir())
        if (child / "apps.py").is_file() and not child.name.startswith(("_", "."))
    ]


def entry_point_apps() -> list[str]:
    """Apps of pip-installed plugins that declare the ``jiayuan.plugins`` group."""
    return [ep.value.split(":")[0] for ep in entry_points(group=ENTRY_POINT_GROUP)]


def discover_plugin_apps(
    plugins_dir: Path, environ: dict[str, str] | None = None
) -> list[str]:
    """All installed plugin apps, local first, minus the blocked ones."""
    blocked = blocked_slugs(environ)
    found: list[str] = []
    for app in [*local_plugin_apps(plugins_dir), *entry_point_apps()]:
        slug = app.rsplit(".", 1)[-1]
        if slug not in blocked and app not in found:
            found.append(app)
    return found
