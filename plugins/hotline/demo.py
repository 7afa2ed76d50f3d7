"""Demo directory for Jiaxing: national short codes plus the site's own grid offices.

Idempotent on the natural key (name, grid): a second run creates nothing and never
touches a row an administrator has edited since.
"""

from __future__ import annotations

from typing import Any

from core.grids.models import Grid

from .models import Category, HotlineEntry

E, S, U, A, C = (Category.EMERGENCY, Category.SERVICE, Category.UTILITY, Category.ASSISTANCE,
                 Category.COMMUNITY)

# (category, name, number, description, hours, sort_order). Gas and water repairs go
# through the national 城建服务热线 12319 until an administrator enters the local
# companies' own numbers.
CITY_WIDE: list[tuple[str, str, str, str, str, int]] = [
    (S, "嘉兴96345便民服务热线", "96345",
     "家政、维修、助老助残等社区便民服务，党员志愿者上门服务", "24小时", 10),
    (E, "报警", "110", "遇到违法犯罪、危及人身财产安全时拨打", "24小时", 20),
    (E, "急救", "120", "突发疾病、意外伤害，呼叫救护车", "24小时", 30),
    (E, "火警", "119", "火灾及各类抢险救援", "24小时", 40),
    (E, "交通事故报警", "122", "道路交通事故报警", "24小时", 50),
    (S, "政务服务便民热线", "12345", "政策咨询、投诉举报、意见建议，一号通办", "24小时", 60),
    (U, "国网供电服务热线", "95598", "停电报修、用电咨询、电费查询", "24小时", 70),
    (U, "燃气抢修（城建服务热线）", "12319", "闻到燃气异味请立即关阀开窗、勿开关电器，到户外拨打",
     "24小时", 80),
    (U, "供水抢修（城建服务热线）", "12319", "停水、水管爆裂、水质异常报修", "24小时", 90),
    (A, "公共法律服务热线", "12348", "免费法律咨询、法律援助申请指引", "工作日 9:00–17:00", 100),
    (A, "心理援助热线", "12356", "情绪困扰、心理危机时的专业倾听与疏导", "24小时", 110),
    (A, "妇女维权公益服务热线", "12338", "家庭暴力、婚姻家庭纠纷求助", "工作日 8:30–17:00", 120),
    (S, "消费投诉举报", "12315", "商品质量、消费纠纷投诉举报", "工作日 8:30–17:00", 130),
]

# Grid-bound rows, by division code, with numbers from the site's own grid tree.
GRID_BOUND: list[tuple[str, str, str, str, str, str, int]] = [
    ("330402005000", C, "东栅街道综合指挥室", "0573-86879390",
     "东栅街道“四个平台”：矛盾调解、综合执法、便民服务", "工作日 8:30–17:00", 200),
    ("330402005001", C, "东栅社区工作站", "0573-80643929",
     "社区事务办理、证明开具、网格事项咨询", "工作日 8:30–17:00", 210),
]


def _fields(category: str, description: str, hours: str, order: int, number: str) -> dict[str, Any]:
    return {"category": category, "number": number, "description": description, "hours": hours,
            "sort_order": order}


def load() -> int:
    """Create the missing demo rows; returns how many were created."""
    created = 0
    for category, name, number, description, hours, order in CITY_WIDE:
        _entry, new = HotlineEntry.objects.get_or_create(
            name=name, grid=None, defaults=_fields(category, description, hours, order, number)
        )
        created += new
    grids = Grid.objects.in_bulk([row[0] for row in GRID_BOUND], field_name="code")
    for code, category, name, number, description, hours, order in GRID_BOUND:
        grid = grids.get(code)
        if grid is None:  # another deployment's tree: skip what it does not have
            continue
        _entry, new = HotlineEntry.objects.get_or_create(
            name=name, grid=grid, defaults=_fields(category, description, hours, order, number)
        )
        created += new
    return created
