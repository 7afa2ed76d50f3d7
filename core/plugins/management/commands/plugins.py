"""``manage.py plugins list|enable|disable``: the 应用管理 page on the command line."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from wagtail.models import Site

from core.grids.models import Grid
from core.plugins import state
from core.plugins.host import host
from core.plugins.models import PluginHealth, PluginState


class Command(BaseCommand):
    help = "List, enable or disable plugins for a site or a grid subtree."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="List installed plugins and their state.")
        listing.add_argument("--json", action="store_true", help="Print JSON.")
        listing.add_argument("--site", help="Site hostname (default: the default site).")
        for name in ("enable", "disable"):
            toggle = sub.add_parser(name, help=f"{name.capitalize()} a plugin.")
            toggle.add_argument("slug")
            toggle.add_argument("--grid", help="Division code of the grid subtree.")
            toggle.add_argument("--site", help="Site hostname (default: the default site).")

    def handle(self, *args, action: str, **options) -> None:
        site = self._site(options.get("site"))
        if action == "list":
            self._list(site, as_json=options["json"])
            return
        grid = None
        if options.get("grid"):
            grid = Grid.objects.filter(code=options["grid"]).first()
            if grid is None:
                raise CommandError(f"No grid with code {options['grid']}.")
        try:
            state.set_enabled(options["slug"], action == "enable", site=site, grid=grid)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        where = f"grid {grid.code} ({grid.name})" if grid else "the whole site"
        self.stdout.write(self.style.SUCCESS(f"{options['slug']}: {action}d for {where}."))

    def _site(self, hostname: str | None) -> Site:
        sites = Site.objects.all()
        site = sites.filter(hostname=hostname).first() if hostname else sites.filter(
            is_default_site=True
        ).first()
        if site is None:
            raise CommandError("No such site; create one (or run the demo loader) first.")
        return site

    def _list(self, site: Site, *, as_json: bool) -> None:
        snapshot = host.snapshot()
        health = {h.slug: h for h in PluginHealth.objects.all()}
        overrides: dict[str, list[dict]] = {}
        for slug, code, enabled in PluginState.objects.filter(
            site=site, grid__isnull=False
        ).order_by("grid__path").values_list("slug", "grid__code", "enabled"):
            overrides.setdefault(slug, []).append({"grid": code, "enabled": enabled})
        rows = []
        for slug, manifest in sorted(host.manifests.items()):
            rows.append({
                "slug": slug,
                "label": str(manifest.label),
                "version": manifest.version,
                "enabled": manifest.essential or snapshot.is_enabled(
                    slug, site.pk, None, manifest.default_enabled
                ),
                "essential": manifest.essential,
                "grid_overrides": overrides.get(slug, []),
                "load_error": host.load_errors.get(slug, ""),
                "error_count": health[slug].error_count if slug in health else 0,
                "last_error": health[slug].last_error if slug in health else "",
            })
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            flag = "on " if row["enabled"] else "off"
            extra = f"  ({len(row['grid_overrides'])} grid overrides)" if row["grid_overrides"] else ""
            errors = f"  errors: {row['error_count']}" if row["error_count"] else ""
            self.stdout.write(f"{flag}  {row['slug']:<16} {row['version']:<8} {row['label']}{extra}{errors}")
