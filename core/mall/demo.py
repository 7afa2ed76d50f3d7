"""Demo catalogue for site/ (Jiaxing, 南湖区): ``load_demo_mall()``, idempotent.

Items and benefits are looked up by (name, region) and created only when
missing, so an administrator's later edits (price, stock, dates) survive a
re-run. Prices follow peers' real values (DOMAIN.md §5: soap 5, rice 50, a 5 L
bottle of oil 85). If the demo residents have points already, one gift order
is placed: the seed story of a neighbour redeeming goods for an elderly resident.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from core.grids.models import Grid
from core.points.errors import PointsError

from .models import BenefitKind, CreditBenefit, ItemCategory, MallItem, Order

# Region codes of site/grids.csv; a missing one (another city's site/) means site-wide.
NANHU = "330402000000"  # 南湖区
DONGZHA_TOWN = "330402005000"  # 东栅街道
DONGZHA = "330402005001"  # 东栅社区
SHOP = "东栅社区积分超市（东栅社区党群服务中心一楼）"

ITEM_FIELDS = ("name", "category", "price", "stock", "per_person_limit", "grid", "location",
               "description")
ITEMS: list[dict] = [dict(zip(ITEM_FIELDS, row, strict=True)) for row in (
    ("大米 5 公斤", ItemCategory.GOODS, 50, 40, 2, DONGZHA, SHOP,
     "本地优质粳米，5 公斤装。凭核销码到积分超市领取。"),
    ("食用油 5 升", ItemCategory.GOODS, 85, 20, 1, DONGZHA, SHOP,
     "压榨菜籽油 5 升装，每人限兑 1 桶。"),
    ("洗衣皂", ItemCategory.GOODS, 5, 200, 10, DONGZHA, SHOP, "洗衣皂一块。"),
    ("南湖景区游船票", ItemCategory.TICKETS, 60, 30, 2, NANHU, "南湖景区游客中心售票处",
     "南湖景区游船单人票一张（含湖心岛），凭核销码在游客中心换取纸质票。"),
    ("月河历史街区公共停车 2 小时", ItemCategory.PARKING, 10, 100, 4, NANHU,
     "月河历史街区公共停车场收费岗亭", "2 小时停车券，离场时向收费员出示核销码。"),
    ("社区文体活动票", ItemCategory.EVENTS, 8, 50, 2, DONGZHA_TOWN, "东栅街道文化家园",
     "街道文化家园“周末文艺汇”入场券一张，每月第二个周六下午。"),
    ("家电维修上门服务（96345）", ItemCategory.SERVICES, 30, 60, 2, None,
     "拨打 96345 预约，上门时出示核销码",
     "96345 社会服务热线家电维修上门服务一次（不含材料费），适用于全市居民。"),
    ("南湖革命纪念馆荣誉参观", ItemCategory.HONOUR_VISITS, 20, 20, 1, NANHU,
     "南湖革命纪念馆服务台", "由讲解员带领的专场参观（每月一次），凭核销码在服务台登记。"),
)]

BENEFIT_FIELDS = ("name", "kind", "threshold", "grid", "provider", "description")
BENEFITS: list[dict] = [dict(zip(BENEFIT_FIELDS, row, strict=True)) for row in (
    ("“平安家庭”荣誉参观", BenefitKind.HONOUR_VISIT, 30, NANHU, "南湖区委政法委",
     "累计积分达 30 分的居民可报名参加南湖红船、南湖革命纪念馆专场参观。"),
    ("新居民子女积分入学加分", BenefitKind.SCHOOL, 60, NANHU, "南湖区教育局",
     "志愿服务等累计积分可折算计入新居民子女积分入学分值（每 10 分计 1 分，上限 10 分）。"),
    ("“积分贷”信用贷款利率优惠", BenefitKind.LOAN, 100, None, "嘉兴农商银行",
     "信用星级四星及以上，可申请最高 30 万元信用贷款，利率下浮 10%。"),
    ("年度“治理之星”评选资格", BenefitKind.COMMENDATION, 100, DONGZHA_TOWN, "东栅街道",
     "年度累计积分 100 分以上可被推荐参评街道“治理之星”（先进表彰）。"),
    ("“积分贷”免担保", BenefitKind.LOAN, 150, None, "嘉兴农商银行",
     "信用星级五星，申请 10 万元以内经营贷款免抵押、免担保。"),
)]

# Who gives what to whom (mobiles of site/demo.json): 李梅 redeems soap for 张秀英.
GIFT = {"giver": "13900000003", "recipient": "13900000001", "item": "洗衣皂", "quantity": 2}


@dataclass
class DemoMallReport:
    items: int = 0
    benefits: int = 0
    orders: int = 0
    skipped: list[str] = field(default_factory=list)


def _grids(codes: set[str | None]) -> dict[str | None, Grid | None]:
    found = {grid.code: grid for grid in Grid.objects.filter(code__in=[c for c in codes if c])}
    return {code: found.get(code) for code in codes}


def load_demo_mall() -> DemoMallReport:
    """Create the demo items and benefits that are missing; safe to run again."""
    report = DemoMallReport()
    grids = _grids({row["grid"] for row in ITEMS + BENEFITS})
    with transaction.atomic():
        for order, row in enumerate(ITEMS):
            values = {**row, "grid": grids[row["grid"]], "sort_order": (order + 1) * 10}
            _item, created = MallItem.objects.get_or_create(
                name=values.pop("name"), grid=values["grid"], defaults=values)
            report.items += created
        for order, row in enumerate(BENEFITS):
            values = {**row, "grid": grids[row["grid"]], "sort_order": (order + 1) * 10}
            _benefit, created = CreditBenefit.objects.get_or_create(
                name=values.pop("name"), grid=values["grid"], defaults=values)
            report.benefits += created
    _demo_gift(report)
    return report


def _demo_gift(report: DemoMallReport) -> None:
    from .services import redeem

    User = get_user_model()
    giver = User.objects.filter(mobile=GIFT["giver"]).first()
    recipient = User.objects.filter(mobile=GIFT["recipient"]).first()
    item = MallItem.objects.filter(name=GIFT["item"]).first()
    if giver is None or recipient is None or item is None:
        report.skipped.append("gift: demo residents or item missing")
        return
    if Order.objects.filter(resident=giver, recipient=recipient, item=item).exists():
        return  # placed on an earlier run
    try:
        redeem(giver, item, GIFT["quantity"], recipient=recipient)
    except PointsError as error:  # no points yet (load the points demo first), or no region
        report.skipped.append(f"gift: {error.messages[0]}")
    else:
        report.orders += 1
