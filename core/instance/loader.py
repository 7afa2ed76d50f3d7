"""Load an instance folder (``site/``): configuration, grid tree, demo content.

Every step is idempotent: running it twice neither fails nor duplicates data,
and it never overrides what an administrator has changed since first boot
(plugin states, theme, users' passwords).
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupPagePermission, Page, Site

from core.grids.models import Grid
from core.identity.models import Badge, Household
from core.identity.roles import GROUP_NAMES
from core.plugins import state
from core.plugins.host import host
from core.plugins.models import PluginState
from core.portal.models import HomePage, NoticeIndexPage, NoticePage, ThemeSettings


@dataclass
class LoadReport:
    grids: int = 0
    users_created: int = 0
    notices_created: int = 0
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # role, mobile, name
    demo_password: str = ""


def read_config(site_dir: Path) -> dict[str, Any]:
    return tomllib.loads((site_dir / "config.toml").read_text(encoding="utf-8"))


def load_site(site_dir: Path, *, demo: bool, progress: bool = False) -> LoadReport:
    """Bring the database in line with the instance folder."""
    from core.grids.importer import import_grids_csv

    config = read_config(site_dir)
    report = LoadReport()
    grids_file = site_dir / config.get("grids", {}).get("file", "grids.csv")
    if grids_file.exists():
        report.grids = import_grids_csv(grids_file, update=True, progress=progress).total
    with transaction.atomic():
        site = _ensure_site(config["site"])
        _first_boot_plugins(site, config.get("plugins", {}))
        if demo:
            demo_file = site_dir / config.get("demo", {}).get("file", "demo.json")
            _load_demo(json.loads(demo_file.read_text(encoding="utf-8")), site, report)
    if demo:
        load_demo_content(site)
    return report


def load_demo_content(site: Site) -> None:
    """Seed the core apps' demo data, then let every installed plugin seed its own."""
    from core.mall.demo import load_demo_mall
    from core.points.demo import load_demo_points

    load_demo_points()
    host.call("load_demo_content", site=site)
    load_demo_mall()  # after the points: its demo gift order spends some


def _ensure_site(conf: dict[str, Any]) -> Site:
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's placeholder welcome page holds the slug "home": replace it.
        _placeholder_pages().delete()
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(
            title=conf["name"], slug="home", welcome=conf.get("welcome", "")
        ))
    if not NoticeIndexPage.objects.exists():
        home.add_child(instance=NoticeIndexPage(title="通知公告", slug="notices",
                                                intro="网格、社区和街道发布的通知公告"))
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname = conf.get("hostname", "127.0.0.1")
    site.port = conf.get("port", 80)
    site.site_name = conf["name"]
    site.root_page = home
    site.save()
    # Wagtail's placeholder welcome page is replaced by the portal home.
    _placeholder_pages().exclude(pk=home.pk).delete()
    settings, created = ThemeSettings.objects.get_or_create(site=site)
    if created:
        settings.theme = conf.get("theme", "default")
        settings.service_phone = conf.get("service_phone", "")
        settings.save()
    return site


def _placeholder_pages():
    return Page.objects.filter(
        depth=2, content_type__app_label="wagtailcore", content_type__model="page"
    )


def _first_boot_plugins(site: Site, conf: dict[str, Any]) -> None:
    """Apply the configured on/off only for plugins nobody has switched yet."""
    touched = set(PluginState.objects.filter(site=site).values_list("slug", flat=True))
    for enabled, slugs in ((True, conf.get("enabled", [])), (False, conf.get("disabled", []))):
        for slug in slugs:
            if slug in host.manifests and slug not in touched:
                state.set_enabled(slug, enabled, site=site)


def _grid(code: str | None) -> Grid | None:
    return Grid.objects.get(code=code) if code else None


def _load_demo(data: dict[str, Any], site: Site, report: LoadReport) -> None:
    badges = {}
    for order, item in enumerate(data.get("badges", [])):
        badges[item["name"]], _ = Badge.objects.get_or_create(
            name=item["name"], defaults={"colour": item.get("colour", "#c0392b"),
                                         "sort_order": order})
    households = {}
    for item in data.get("households", []):
        households[item["number"]], _ = Household.objects.get_or_create(
            number=item["number"],
            defaults={"address": item["address"], "grid": _grid(item["grid"])},
        )
    _load_users(data, badges, households, report)
    _grant_editor_pages()
    _load_notices(data.get("notices", []), report)


def _load_users(data, badges, households, report: LoadReport) -> None:
    from django.utils import timezone

    User = get_user_model()
    password = report.demo_password = data["password"]
    for item in data.get("users", []):
        user = User.objects.filter(mobile=item["mobile"]).first()
        if user is None:
            user = User(mobile=item["mobile"], name=item["name"])
            user.set_password(password)
            user.home_grid = _grid(item.get("grid"))
            user.scope_grid = _grid(item.get("scope"))
            user.household = households.get(item.get("household"))
            user.is_staff = item.get("role", "resident") != "resident"
            user.is_superuser = item.get("role") == "administrator"
            user.consented_at = timezone.now()
            user.verification_status = item.get("verification", "verified")
            if item.get("id_card"):
                user.set_id_card(item["id_card"])
            user.save()
            report.users_created += 1
        roles = ["resident", *item.get("roles", [])]
        if item.get("role", "resident") != "resident":
            roles.append(item["role"])
        user.groups.add(*Group.objects.filter(name__in=[GROUP_NAMES[r] for r in roles]))
        user.badges.add(*[badges[b] for b in item.get("badges", [])])
        report.logins.append((str(GROUP_NAMES[item.get("role", "resident")]), user.mobile,
                              user.name))


def _grant_editor_pages() -> None:
    """Editors may add, edit and publish notices; the form limits them to their region."""
    index = NoticeIndexPage.objects.first()
    editors = Group.objects.get(name=GROUP_NAMES["editor"])
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=editors, page=index, permission_id=_page_permission(codename)
        )


def _page_permission(codename: str) -> int:
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename).pk


def _load_notices(notices: list[dict[str, Any]], report: LoadReport) -> None:
    index = NoticeIndexPage.objects.first()
    for item in notices:
        if NoticePage.objects.filter(slug=item["slug"]).exists():
            continue
        page = NoticePage(
            title=item["title"], slug=item["slug"], summary=item.get("summary", ""),
            body=item["body"], target_grid=_grid(item.get("target")),
            is_pinned=item.get("pinned", False),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        report.notices_created += 1
