"""Shared pytest fixtures (loaded by the root conftest.py).

A small but real region: 嘉兴市 > 南湖区 > 新嘉街道 > 东栅社区 > 第一网格 > 微网格,
with a second community and a second county for scoping tests; users by role.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group

from core.grids.models import Grid
from core.identity.roles import GROUP_NAMES

VALID_ID_CARDS = [  # checksum-valid numbers (not real people)
    "330402199001011230", "330402198503124222", "330421197705064410",
    "330402200002291225", "330483196811118819", "330402199207080039",
]


def _node(parent: Grid | None, name: str, level: str, code: str, **extra: Any) -> Grid:
    fields = {"name": name, "level": level, "code": code, **extra}
    return Grid.add_root(**fields) if parent is None else parent.add_child(**fields)


@pytest.fixture
def grid_tree(db) -> dict[str, Grid]:
    """city > county(2) > town > community(2) > grid > microgrid."""
    city = _node(None, "嘉兴市", "city", "330400000000", organisation="嘉兴市社会治理综合指挥中心",
                 organisation_kind="command_centre")
    nanhu = _node(city, "南湖区", "county", "330402000000", organisation="南湖区矛调中心",
                  organisation_kind="mediation_centre")
    xiuzhou = _node(city, "秀洲区", "county", "330411000000")
    town = _node(nanhu, "新嘉街道", "town", "330402004000", organisation_kind="four_platforms")
    dongzha = _node(town, "东栅社区", "community", "330402004001", organisation_kind="work_station",
                    head_name="沈建华", head_phone="0573-82001234")
    xinxing = _node(town, "新兴社区", "community", "330402004002")
    grid1 = _node(dongzha, "东栅第一网格", "grid", "330402004001001", organisation_kind="grid_team",
                  head_name="王丽娟", head_phone="13800001111")
    micro = _node(grid1, "东栅一网格1号微网格", "microgrid", "330402004001001001")
    xgrid = _node(xinxing, "新兴第一网格", "grid", "330402004002001")
    wangdian = _node(xiuzhou, "王店镇", "town", "330411101000")
    return {
        "city": city, "nanhu": nanhu, "xiuzhou": xiuzhou, "town": town,
        "dongzha": dongzha, "xinxing": xinxing, "grid1": grid1, "micro": micro,
        "xgrid": xgrid, "wangdian": wangdian,
    }


@pytest.fixture
def make_user(db, django_user_model) -> Callable[..., Any]:
    """make_user(role="resident", grid=None, scope=None, mobile=None, **fields)."""
    counter = {"n": 0}

    def make(role: str = "resident", grid: Grid | None = None, scope: Grid | None = None,
             mobile: str | None = None, consented: bool = True, verified: bool = True,
             id_card: str | None = None, **fields: Any):
        from django.utils import timezone

        counter["n"] += 1
        user = django_user_model.objects.create_user(
            mobile=mobile or f"139{counter['n']:08d}", password="jiayuan-test-1",
            name=fields.pop("name", f"测试{role}{counter['n']}"),
            home_grid=grid, scope_grid=scope,
            consented_at=timezone.now() if consented else None,
            verification_status="verified" if verified else "unverified",
            is_staff=role != "resident", **fields,
        )
        if id_card:
            user.set_id_card(id_card)
            user.save()
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
        return user

    return make


@pytest.fixture
def resident(make_user, grid_tree):
    return make_user("resident", grid=grid_tree["micro"], name="张小红")


@pytest.fixture
def grid_worker(make_user, grid_tree):
    return make_user("grid_worker", grid=grid_tree["grid1"], scope=grid_tree["grid1"], name="王丽娟")


@pytest.fixture
def admin_user(db, django_user_model):
    from django.utils import timezone

    return django_user_model.objects.create_superuser(
        mobile="13900000000", password="jiayuan-admin-1", name="系统管理员",
        consented_at=timezone.now(),
    )


def clear_test_cache() -> None:
    """Empty the cache between tests, touching only this run's keys on Redis.

    ``cache.clear()`` on Redis is FLUSHDB, which would wipe the keys of a parallel
    xdist worker; core.settings.test gives each run and worker its own prefix.
    """
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    client = cache._cache.get_client(None, write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=500))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def plugin_host():
    """The process's plugin host, with no snapshot carried over between tests.

    Each test's database rolls back, so a later test can reach the same version
    stamp with different rows: a cached snapshot would then be wrongly reused.
    """
    from core.plugins.host import host

    clear_test_cache()
    host.forget_snapshot()
    yield host
    host.forget_snapshot()


@pytest.fixture
def set_plugin(db, plugin_host) -> Callable[..., Any]:
    """set_plugin("hotline", False, grid=None): toggles through the real service.

    Enabling also enables the plugin's dependencies site-wide first (e.g. reports
    before mediation), as an administrator must in 应用管理.
    """
    from core.plugins import state

    def toggle(slug: str, enabled: bool, grid: Grid | None = None, user: Any = None):
        manifest = plugin_host.manifest(slug)
        if enabled and manifest is not None:
            for dependency in manifest.depends_on:
                toggle(dependency, True, user=user)
        return state.set_enabled(slug, enabled, grid=grid, user=user)

    return toggle


@pytest.fixture
def register_temporarily(plugin_host) -> Iterator[Callable[..., None]]:
    """Register a manifest + hooks object for one test (datasette's pattern)."""
    registered: list[str] = []

    def register(manifest, hooks=None) -> None:
        # Replacing an installed plugin would unregister the real one at teardown.
        assert manifest.slug not in plugin_host.manifests, (
            f"plugin {manifest.slug!r} is installed: give the test plugin another slug"
        )
        plugin_host.register(manifest, hooks)
        registered.append(manifest.slug)
        plugin_host.forget_snapshot()

    yield register
    for slug in registered:
        plugin_host.unregister(slug)
    plugin_host.forget_snapshot()


@pytest.fixture
def home_page(db):
    """The portal's HomePage as the default Site's root, with a 通知公告 index under it."""
    from wagtail.models import Page, Site

    from core.portal.models import HomePage, NoticeIndexPage

    existing = HomePage.objects.first()
    if existing is not None:
        return existing
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="嘉园", slug="jiayuan-home", welcome="欢迎来到嘉园"))
    home.add_child(instance=NoticeIndexPage(title="通知公告", slug="notices"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True,
                            site_name="嘉园")
    else:
        site.root_page = home
        site.save()
    return home


DEEDS_RULES = (
    ("deeds.help", "邻里互助", 5, {"daily_cap": 10, "monthly_cap": 30}),
    ("deeds.litter", "乱扔垃圾", -8, {}),
    ("deeds.claim", "线下好人好事", 10, {"needs_approval": True}),
)


@pytest.fixture
def deeds_plugin(register_temporarily):
    """A plugin "deeds" declaring three point rules: +5 (capped), −8, +10 (approval)."""
    from core.plugins.manifest import PluginManifest, PointRule

    manifest = PluginManifest(
        slug="deeds", label="好人好事", label_en="Good deeds", version="1.0.0",
        point_rules=tuple(PointRule(code, label, points, **extra)
                          for code, label, points, extra in DEEDS_RULES),
    )
    register_temporarily(manifest)
    return manifest


RACE_THREADS = 8


def race(work: Callable[[int], Any], threads: int = RACE_THREADS) -> list[Any]:
    """Run ``work(i)`` in ``threads`` threads released together; return results or errors.

    Each thread uses its own database connection (closed at the end). Use with
    ``pytest.mark.django_db(transaction=True, serialized_rollback=True)`` and the
    ``concurrent_db`` fixture.
    """
    import threading

    from django.db import close_old_connections, connection

    barrier = threading.Barrier(threads)
    outcomes: list[Any] = [None] * threads

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = work(index)
        except Exception as exc:  # noqa: BLE001 — the outcome is what tests assert on
            outcomes[index] = exc
        finally:
            close_old_connections()
            connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    return outcomes


@pytest.fixture
def concurrent_db():
    """Skip where threads cannot wait for each other's locks.

    An in-memory SQLite database shared between threads uses table locks that fail
    at once instead of waiting; a file database (core.settings.test) or PostgreSQL
    behaves like production.
    """
    from django.db import connection

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads need a file-backed SQLite database or PostgreSQL")


# --- browser tests: Debian's chromium through Playwright, at a phone's width ---------

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 375, "height": 812}
# pytestmark of a module of browser tests: live server data must survive the test.
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="Debian's chromium is not installed (apt-get install -y chromium)"),
]


@pytest.fixture
def phone() -> Iterator[Any]:
    """A Playwright page in Debian's chromium that behaves like a 375 px phone."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                      has_touch=True, locale="zh-CN")
        yield context.new_page()
        context.close()
        browser.close()


def check_fits_phone(page: Any, name: str) -> None:
    """Fail on horizontal overflow; keep a screenshot in $JIAYUAN_SHOTS when it is set."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"horizontal overflow: {width}px on {page.url}"
    shots = os.environ.get("JIAYUAN_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(shots) / f"{name}.png"), full_page=True)
