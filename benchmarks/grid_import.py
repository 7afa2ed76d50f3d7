"""Grid-tree import at Jiaxing scale: prints figures, asserts nothing.

    .venv/bin/python benchmarks/grid_import.py [--shape 7,10,13,10,10] [--keep]

Generates 1 city → 7 counties → 70 towns → 910 communities → 9,100 grids →
91,000 micro-grids (101,088 nodes) as CSV, imports it with ``grids import`` into
a throwaway SQLite database (or DATABASE_URL when --use-configured-db is given),
and prints nodes, seconds, nodes/s, peak Python memory, a re-import (idempotent),
an export, and the timings of the queries staff scoping runs all day.
Timings are taken without tracemalloc (it slows allocation-heavy code several
times); ``--tracemalloc`` measures Python allocations in a separate run.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--shape", default="7,10,13,10,10",
                    help="fan-out below the city: counties,towns,communities,grids,micro-grids")
parser.add_argument("--use-configured-db", action="store_true",
                    help="import into DATABASE_URL instead of a throwaway SQLite file")
parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
parser.add_argument("--check", action="store_true",
                    help="also run treebeard's find_problems() (about 2 minutes at 100k nodes)")
parser.add_argument("--tracemalloc", action="store_true",
                    help="re-import once more under tracemalloc to report Python allocations")
args = parser.parse_args()

TMP = tempfile.mkdtemp(prefix="jiayuan-grids-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings.test")
if not args.use_configured_db:
    os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ["JIAYUAN_VAR_DIR"] = TMP

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from core.grids.exporter import export_grids_csv  # noqa: E402
from core.grids.generate import write_generated_csv  # noqa: E402
from core.grids.importer import import_grids_csv  # noqa: E402
from core.grids.models import Grid  # noqa: E402
from core.grids.scoping import within  # noqa: E402


def timed(fn, runs: int = 50) -> float:
    """Median milliseconds of ``fn()`` over ``runs`` runs."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    shape = tuple(int(part) for part in args.shape.split(","))
    call_command("migrate", verbosity=0)
    if Grid.objects.exists():
        print("数据库中已有网格数据；请使用空库运行基准。")
        return
    source = Path(TMP) / "grids.csv"
    started = time.perf_counter()
    nodes = write_generated_csv(source, shape=shape)
    generated = time.perf_counter() - started
    print(f"数据库              : {connection.vendor}")
    print(f"生成 CSV            : {nodes:,} 个节点，{source.stat().st_size / 1e6:.1f} MB，"
          f"{generated:.2f} s")

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    result = import_grids_csv(source, progress=sys.stderr.isatty())
    elapsed = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"首次导入            : {result.created:,} 个节点，{elapsed:.2f} s，"
          f"{result.created / elapsed:,.0f} 节点/秒")
    print(f"内存峰值（进程 RSS）: {rss:.0f} MB（导入前 {rss_before:.0f} MB）")
    if args.tracemalloc:
        Grid.objects.all().delete()
        tracemalloc.start()
        import_grids_csv(source)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"Python 分配峰值     : {peak / 1e6:.0f} MB（tracemalloc，第二次空库导入）")

    started = time.perf_counter()
    again = import_grids_csv(source, update=True)
    print(f"重复导入（--update）: 新增 {again.created}，未变 {again.unchanged:,}，"
          f"{time.perf_counter() - started:.2f} s")

    if args.check:
        started = time.perf_counter()
        problems = Grid.find_problems()
        print(f"find_problems       : {'无问题' if not any(problems) else problems}，"
              f"{time.perf_counter() - started:.2f} s")

    started = time.perf_counter()
    exported = export_grids_csv(io.StringIO())
    print(f"导出 CSV            : {exported:,} 行，{time.perf_counter() - started:.2f} s")

    county = Grid.objects.filter(level="county").order_by("path")[0]
    town = Grid.objects.filter(level="town").order_by("path")[0]
    community = Grid.objects.filter(level="community").order_by("path")[0]
    leaf = Grid.objects.filter(level="microgrid").order_by("-path")[0]
    print("查询耗时（50 次中位数）:")
    print(f"  微网格的上级链        : {timed(lambda: list(leaf.get_ancestors())):7.2f} ms")
    print(f"  社区的全部下级        : {timed(lambda: list(community.get_descendants())):7.2f} ms "
          f"({community.get_descendant_count()} 行)")
    print(f"  镇街的全部下级        : {timed(lambda: list(town.get_descendants())):7.2f} ms "
          f"({town.get_descendant_count():,} 行)")
    county_count = Grid.objects.filter(within(county, "")).count()
    print(f"  区县子树计数（范围）  : "
          f"{timed(lambda: Grid.objects.filter(within(county, '')).count()):7.2f} ms "
          f"({county_count:,} 个节点)")
    print(f"  镇街的直接下级        : {timed(lambda: list(town.get_children())):7.2f} ms")
    print(f"  add_child（新增微网格）: {_add_child_ms(community):7.2f} ms")
    if args.keep:
        print(f"临时目录            : {TMP}")
    else:
        shutil.rmtree(TMP, ignore_errors=True)


def _add_child_ms(community: Grid) -> float:
    grid = community.get_children()[0]
    started = time.perf_counter()
    grid.add_child(name="基准微网格", level="microgrid", code=f"{grid.code}999")
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
