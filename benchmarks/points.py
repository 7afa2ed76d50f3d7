"""Points throughput: awards/s and redemptions/s. Prints figures, asserts nothing.

    .venv/bin/python benchmarks/points.py                       # throwaway SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python benchmarks/points.py --use-configured-db  # PostgreSQL

Each run builds a throwaway database with Django's test-database creation
(``jiayuan_points_bench_<pid>`` on the PostgreSQL server, a temporary file on
SQLite) and drops it afterwards. It registers a
benchmark plugin with two point rules, and measures through the real services:

- awards: ``points.services.apply_rule`` (one entry, account row lock, idempotency
  check; the capped rule also sums today's and this month's entries);
- redemptions: ``mall.services.redeem`` (item row lock, stock decrement, order
  with a unique code, ``spend``), sequentially and from several threads at once
  on one hot item, then ``points verify`` and ``mall verify`` on the result.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--use-configured-db", action="store_true",
                    help="benchmark on DATABASE_URL's server (in a test_ database)")
parser.add_argument("--awards", type=int, default=500, help="awards per measurement")
parser.add_argument("--redemptions", type=int, default=300, help="redemptions per measurement")
parser.add_argument("--threads", type=int, default=4, help="threads for the concurrent runs")
parser.add_argument("--residents", type=int, default=50)
parser.add_argument("--sqlite-rollback-journal", action="store_true",
                    help="SQLite only: use the rollback journal instead of WAL (the default)")
args = parser.parse_args()

TMP = tempfile.mkdtemp(prefix="jiayuan-points-bench-")
os.environ["DJANGO_SETTINGS_MODULE"] = "core.settings.test"
os.environ["JIAYUAN_VAR_DIR"] = TMP
if not args.use_configured_db:
    os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
    os.environ.pop("CACHE_URL", None)
    os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# A database of its own: never "test_<name>", which a parallel pytest run may be using
# (Django would drop and recreate it).
settings.DATABASES["default"].setdefault("TEST", {})
if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    settings.DATABASES["default"]["TEST"]["NAME"] = f"jiayuan_points_bench_{os.getpid()}"

from django.db import close_old_connections, connection  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_databases,
    setup_test_environment,
    teardown_databases,
)

RULES = ("bench.deed", "bench.capped")


def register_plugin() -> None:
    """A plugin declaring an uncapped rule and one with (unreachable) caps."""
    from core.plugins.host import host
    from core.plugins.manifest import PluginManifest, PointRule

    host.register(PluginManifest(
        slug="bench", label="压测", label_en="Benchmark", version="1",
        point_rules=(PointRule("bench.deed", "邻里互助", 1),
                     PointRule("bench.capped", "参加议事", 1, daily_cap=10**8,
                               monthly_cap=10**9)),
    ), None)
    host.forget_snapshot()


def make_residents(count: int) -> list:
    from django.utils import timezone

    from core.grids.models import Grid
    from core.identity.models import User

    city = Grid.add_root(name="嘉兴市", level="city", code="330400000000")
    community = city.add_child(name="东栅社区", level="community", code="330402005001")
    now = timezone.now()
    users = [User(mobile=f"139{n:08d}", name=f"居民{n}", home_grid=community,
                  verification_status="verified", consented_at=now) for n in range(count)]
    User.objects.bulk_create(users)
    return list(User.objects.filter(home_grid=community).select_related("home_grid"))


def timed(work: Callable[[int], object], count: int) -> float:
    start = time.perf_counter()
    for index in range(count):
        work(index)
    return count / (time.perf_counter() - start)


def threaded(work: Callable[[int], object], count: int, threads: int) -> tuple[float, int]:
    """Operations/s over ``threads`` threads sharing ``count`` operations; and failures."""
    failures = [0]
    lock = threading.Lock()
    barrier = threading.Barrier(threads + 1)

    def run(first: int) -> None:
        barrier.wait()
        try:
            for index in range(first, count, threads):
                try:
                    work(index)
                except Exception:  # noqa: BLE001 — a refusal is counted, not fatal
                    with lock:
                        failures[0] += 1
        finally:
            close_old_connections()
            connection.close()

    pool = [threading.Thread(target=run, args=(t,)) for t in range(threads)]
    for thread in pool:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in pool:
        thread.join()
    return count / (time.perf_counter() - start), failures[0]


def main() -> None:
    from core.mall.checks import find_problems
    from core.mall.models import MallItem
    from core.mall.services import redeem
    from core.points.services import adjust, apply_rule
    from core.points.verify import find_drift

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        if args.sqlite_rollback_journal and connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode=DELETE")
        register_plugin()
        residents = make_residents(args.residents)
        n_res = len(residents)
        awards, n_red, threads = args.awards, args.redemptions, args.threads
        apply_rule(residents[0], "bench.deed", key="warm-up")

        figures: list[tuple[str, str]] = []
        rate = timed(lambda i: apply_rule(residents[i % n_res], "bench.deed", key=f"a:{i}"),
                     awards)
        figures.append(("awards/s, 1 thread, uncapped rule", f"{rate:8.0f}"))
        rate = timed(lambda i: apply_rule(residents[i % n_res], "bench.capped", key=f"c:{i}"),
                     awards)
        figures.append(("awards/s, 1 thread, rule with daily+monthly cap", f"{rate:8.0f}"))
        rate, failed = threaded(
            lambda i: apply_rule(residents[i % n_res], "bench.deed", key=f"t:{i}"),
            awards, threads)
        figures.append((f"awards/s, {threads} threads, {n_res} residents",
                        f"{rate:8.0f}  ({failed} failed)"))

        admin = residents[0]
        for resident in residents:
            adjust(resident, 10**6, reason="期初积分", actor=admin, key=f"fund:{resident.pk}")
        item = MallItem.objects.create(name="洗衣皂", price=1, stock=10**7)
        rate = timed(lambda i: redeem(residents[i % n_res], item, 1), n_red)
        figures.append(("redemptions/s, 1 thread", f"{rate:8.0f}"))
        rate, failed = threaded(lambda i: redeem(residents[i % n_res], item, 1), n_red, threads)
        figures.append((f"redemptions/s, {threads} threads, one hot item",
                        f"{rate:8.0f}  ({failed} failed)"))
        items = [MallItem.objects.create(name=f"商品{t}", price=1, stock=10**7)
                 for t in range(threads)]
        rate, failed = threaded(lambda i: redeem(residents[i % n_res], items[i % threads], 1),
                                n_red, threads)
        figures.append((f"redemptions/s, {threads} threads, {threads} items",
                        f"{rate:8.0f}  ({failed} failed)"))

        start = time.perf_counter()
        checked, drift = find_drift()
        orders, problems = find_problems()
        took = time.perf_counter() - start
        figures.append(("points verify + mall verify",
                        f"{took * 1000:8.0f} ms  ({checked} accounts, {len(drift)} drifted; "
                        f"{orders} orders, {len(problems)} problems)"))

        journal = ""
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                journal = f", journal_mode={cursor.execute('PRAGMA journal_mode').fetchone()[0]}"
        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']}{journal})")
        for label, value in figures:
            print(f"{label:<48}: {value}")
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
