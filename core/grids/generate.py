"""Generate a realistic synthetic grid tree (for the benchmark and large-import tests).

Names are built from syllable lists (莲湖区, 塘桥镇, 北港社区, 北港第三网格, …),
codes follow the division standard (county 6 digits, town 9, community 12, then
3 more per grid level), and every grid has a head with a Chinese name and phone.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path

from .exporter import COLUMNS

SYLLABLES = list("东西南北新华塘桥湖港河湾泾浜荡山林安平宁丰兴盛福康乐和嘉禾秀洲善湘云龙凤梅竹莲桃杏柳")
SURNAMES = list("沈王张李陈朱徐钱顾吴周姚陆褚屠金蒋许杨孙费俞戴曹")
GIVEN = ["建华", "丽娟", "国强", "秀英", "雪芳", "伟明", "海燕", "建明", "晓燕", "志刚",
         "美华", "永林", "春燕", "卫东", "月琴", "小平", "红梅", "金龙", "慧芬", "利民"]
NUMERALS = "一二三四五六七八九十"

# 1 city → 7 counties → 70 towns → 910 communities → 9,100 grids → 91,000 micro-grids.
BENCHMARK_SHAPE = (7, 10, 13, 10, 10)


def _ordinal(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return f"{NUMERALS[tens - 1] if tens > 1 else ''}十{NUMERALS[ones - 1] if ones else ''}"


def generate_rows(shape: tuple[int, int, int, int, int] = BENCHMARK_SHAPE,
                  seed: int = 573) -> Iterator[list[str]]:
    """CSV rows (without header), parents before children, for a tree of ``shape``.

    ``shape`` is the fan-out below the city: counties, towns per county,
    communities per town, grids per community, micro-grids per grid.
    """
    rnd = random.Random(seed)
    counties, towns, communities, grids, micros = shape
    used_names: set[str] = set()

    def place(suffix: str) -> str:
        for _attempt in range(50):
            name = rnd.choice(SYLLABLES) + rnd.choice(SYLLABLES) + suffix
            if name not in used_names:
                used_names.add(name)
                return name
        return f"{rnd.choice(SYLLABLES)}{len(used_names)}{suffix}"

    def person() -> tuple[str, str]:
        return (rnd.choice(SURNAMES) + rnd.choice(GIVEN),
                f"{rnd.choice(('138', '139'))}0573{rnd.randrange(10000):04d}")

    def landline() -> str:
        return f"0573-8{rnd.randrange(10**7):07d}"

    city = "330400000000"
    yield [city, "", "city", "嘉兴市", "command_centre", "嘉兴市社会治理综合指挥中心", "", landline()]
    for c in range(1, counties + 1):
        county_name = place("区" if c % 3 else "县")
        county = f"3304{c + 1:02d}000000"
        yield [county, city, "county", county_name, "mediation_centre",
               f"{county_name}社会矛盾纠纷调处化解中心", "", landline()]
        for t in range(1, towns + 1):
            town_name = place("街道" if t % 2 else "镇")
            town = f"{county[:6]}{t:03d}000"
            head, _phone = person()
            yield [town, county, "town", town_name, "four_platforms",
                   f"{town_name}综合指挥室（四个平台）", head, landline()]
            for m in range(1, communities + 1):
                is_village = m % 3 == 0
                community_name = place("村" if is_village else "社区")
                community = f"{town[:9]}{(200 if is_village else 0) + m:03d}"
                head, _phone = person()
                yield [community, town, "community", community_name, "work_station",
                       f"{community_name}工作站", head, landline()]
                short = community_name.removesuffix("社区").removesuffix("村")
                for g in range(1, grids + 1):
                    grid_name = f"{short}第{_ordinal(g)}网格"
                    grid = f"{community}{g:03d}"
                    yield [grid, community, "grid", grid_name, "grid_team",
                           f"{community_name}第{_ordinal(g)}网格团队", *person()]
                    for k in range(1, micros + 1):
                        yield [f"{grid}{k:03d}", grid, "microgrid", f"{grid_name}{k}号微网格",
                               "grid_team", f"{grid_name}{k}号微网格联户团队", *person()]


def write_generated_csv(path: Path, shape: tuple[int, int, int, int, int] = BENCHMARK_SHAPE,
                        seed: int = 573) -> int:
    """Write a generated tree to ``path``; returns the number of nodes."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for row in generate_rows(shape, seed):
            writer.writerow(row)
            count += 1
    return count
