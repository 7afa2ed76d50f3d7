"""``load_site``: the instance folder becomes a working site, and again changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page, Site

from core.grids.models import Grid
from core.identity.models import User
from core.instance.loader import load_site
from core.plugins.models import PluginState
from core.portal.models import HomePage, NoticePage

SITE_DIR = Path(settings.SITE_DIR)


def _counts() -> dict[str, int]:
    return {
        "grids": Grid.objects.count(), "users": User.objects.count(),
        "notices": NoticePage.objects.count(), "pages": Page.objects.count(),
        "sites": Site.objects.count(), "states": PluginState.objects.count(),
    }


@pytest.mark.django_db
def test_fresh_database_becomes_the_demo_site():
    report = load_site(SITE_DIR, demo=True)
    demo = json.loads((SITE_DIR / "demo.json").read_text(encoding="utf-8"))
    assert report.grids == Grid.objects.count() > 200
    assert report.users_created == len(demo["users"])
    assert report.notices_created == len(demo["notices"])
    site = Site.objects.get(is_default_site=True)
    # Wagtail's welcome page (slug "home") is replaced by the portal home.
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.slug == "home"
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    assert all(notice.live for notice in NoticePage.objects.all())


@pytest.mark.django_db
def test_demo_users_are_real_named_and_scoped():
    load_site(SITE_DIR, demo=True)
    worker = User.objects.get(mobile="13800000006")
    assert worker.groups.filter(name="网格员").exists()
    assert worker.scope_grid.name == "东栅第一网格"
    resident = User.objects.get(mobile="13900000001")
    assert resident.is_verified and resident.household is not None
    assert resident.check_password(json.loads(
        (SITE_DIR / "demo.json").read_text(encoding="utf-8"))["password"])
    # ID-card numbers are stored encrypted and shown masked.
    assert resident.id_card_masked.startswith("3304") and "*" in resident.id_card_masked


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    load_site(SITE_DIR, demo=True)
    before = _counts()
    report = load_site(SITE_DIR, demo=True)
    assert report.users_created == report.notices_created == 0
    assert _counts() == before


@pytest.mark.django_db
def test_reload_keeps_what_administrators_changed(tmp_path):
    from core.plugins import state

    (tmp_path / "config.toml").write_text(
        '[site]\nname = "测试站"\n[plugins]\nenabled = ["probe"]\n', encoding="utf-8"
    )
    load_site(tmp_path, demo=False)
    site = Site.objects.get(is_default_site=True)
    assert PluginState.objects.get(site=site, slug="probe", grid=None).enabled is True
    state.set_enabled("probe", False, site=site)
    load_site(tmp_path, demo=False)
    assert PluginState.objects.get(site=site, slug="probe", grid=None).enabled is False


@pytest.mark.django_db
def test_command_prints_the_demo_logins(capsys):
    call_command("load_site", "--demo", verbosity=0)
    out = capsys.readouterr().out
    assert "13900000001" in out and "张秀英" in out
