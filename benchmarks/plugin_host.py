"""Plugin-host overhead: prints figures, asserts nothing.

    .venv/bin/python benchmarks/plugin_host.py

Measures, on a throwaway SQLite database:
- the guarded caller: µs per ``host.call`` of a request hook with 40 plugins;
- the per-request cost of the version-stamp check and snapshot;
- the home page with 2 and with 40 enabled plugins: ms per request and queries.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="jiayuan-bench-")
os.environ.update(
    DJANGO_SETTINGS_MODULE="core.settings.test",
    DATABASE_URL=f"sqlite:///{TMP}/bench.sqlite3",
    JIAYUAN_VAR_DIR=TMP,
)
os.environ.pop("CACHE_URL", None)
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from core.plugins.hookspecs import hookimpl  # noqa: E402
from core.plugins.host import host  # noqa: E402
from core.plugins.manifest import PluginManifest  # noqa: E402
from core.plugins.types import NavLink  # noqa: E402


class Light:
    @hookimpl
    def user_center_links(self, user):
        return [NavLink("链接", "/")]

    @hookimpl
    def home_panels(self, request, grid):
        return []


def timed(fn, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def register(first: int, last: int) -> None:
    for n in range(first, last):
        host.register(PluginManifest(slug=f"bench{n:02d}", label=f"应用{n}",
                                     label_en=f"App {n}", version="1"), Light())


def home_figures(client: Client) -> tuple[float, int]:
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    # Count now: every later request resets the connection's query log.
    count = len(queries)
    samples = timed(lambda: client.get("/"), 200)
    return statistics.median(samples) * 1000, count


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_site", demo=True, verbosity=0)
    from core.identity.models import User

    resident = User.objects.filter(is_staff=False, verification_status="verified").first()
    client = Client()
    client.force_login(resident)
    for slug in list(host.manifests):
        if slug.startswith("bench"):
            host.unregister(slug)
    installed = len(host.manifests)

    register(0, 2)
    ms2, q2 = home_figures(client)
    register(2, 40)
    ms40, q40 = home_figures(client)

    enabled = [f"bench{n:02d}" for n in range(40)]
    calls = timed(lambda: host.call("user_center_links", enabled=enabled, request=None,
                                    user=resident), 2000)
    snap = timed(host.snapshot, 2000)
    print(f"installed plugins (real + test) : {installed}")
    print(f"host.call, 40 plugins            : {statistics.median(calls) * 1e6:8.1f} µs "
          f"({statistics.median(calls) * 1e9 / 40:.0f} ns per plugin)")
    print(f"snapshot() stamp check (DB read) : {statistics.median(snap) * 1e6:8.1f} µs")
    print(f"home page, +2 light plugins      : {ms2:8.2f} ms/request, {q2} queries")
    print(f"home page, +40 light plugins     : {ms40:8.2f} ms/request, {q40} queries")


if __name__ == "__main__":
    main()
