"""Demo content for ``load_site --demo``: categories, handling bodies, routing, SLAs and
fifteen reports in 东栅街道 at every stage of their life.

Every report is filed with ``services.submit_report`` and moved with
``workflow.transition`` / ``workflow.rate`` by the demo staff who would really
do it (grid worker, cadre, mediator, judge, town operator), so codes, routing,
deadlines, notifications and points are the real ones. Only timestamps are then
moved back (a demo loaded today should show cases filed over the past weeks),
and the SLA sweep marks the one left overdue.

Idempotent: categories, bodies, rules and policies are found by their natural
keys, reports by (reporter, description); what exists is never changed.
Users and grids come from site/demo.json and site/grids.csv; missing ones are skipped.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.grids.models import Grid

from . import services, sla, sweep, workflow
from .models import Category, HandlingBody, Report, RoutingRule, SlaPolicy, Transition, Urgency

logger = logging.getLogger("jiayuan.reports")
S = Report.Status
K = Category.Kind
R = Report.Rating

# (code, name, kind, public, default urgency, description, keywords)
CATEGORIES = [
    ("neighbour", "邻里纠纷", K.DISPUTE, False, Urgency.YELLOW,
     "噪音、漏水、占用公共空间、宠物扰民等邻里矛盾", "噪音 漏水 装修 占用 宠物"),
    ("family", "婚姻家庭", K.DISPUTE, False, Urgency.YELLOW,
     "婚姻、赡养、抚养、继承等家庭矛盾；疑似家暴请同时拨打110", "婚姻 赡养 抚养 家暴 继承"),
    ("property", "物业纠纷", K.DISPUTE, False, Urgency.GREEN,
     "物业服务、收费、公共收益、电梯维修等", "物业 停车 电梯 收费"),
    ("labour", "劳资纠纷", K.DISPUTE, False, Urgency.YELLOW,
     "拖欠工资、工伤、劳动合同等", "欠薪 工资 工伤 合同"),
    ("land", "土地纠纷", K.DISPUTE, False, Urgency.YELLOW,
     "承包地、宅基地界址、征地补偿等", "承包地 宅基地 界址 征地"),
    ("hazard", "安全隐患", K.HAZARD, True, Urgency.RED,
     "消防通道、燃气、电动车违规充电、井盖破损等", "消防 燃气 充电 井盖 隐患"),
    ("environment", "环境卫生", K.ENVIRONMENT, True, Urgency.GREEN,
     "垃圾清运、河道污染、乱堆乱放等", "垃圾 河道 污染 堆放"),
    ("help", "求助", K.HELP, False, Urgency.GREEN,
     "独居老人、生活困难、家中设施维修等需要帮助的事", "求助 老人 维修 困难"),
    ("suggestion", "建议", K.SUGGESTION, False, Urgency.GREEN,
     "对社区治理和公共服务的意见建议", "建议 意见"),
    ("tipoff", "举报", K.TIPOFF, False, Urgency.YELLOW,
     "违法违规行为线索，可选择对外匿名", "举报 违法 线索"),
]

TOWN, COMMUNITY, COUNTY = "330402005000", "330402005001", "330402000000"  # 东栅街道, 东栅社区, 南湖区
# (name, stage, grid code, contact, phone)
BODIES = [
    ("东栅社区百姓议事会", "self_gov", COMMUNITY, "俞小平", "0573-80643929"),
    ("东栅街道人民调解委员会", "mediation", TOWN, "沈志明", "0573-82561188"),
    ("南湖区劳动人事争议调解中心", "mediation", COUNTY, "褚建英", "0573-82715566"),
    ("南湖区社会矛盾纠纷调处化解中心", "county_center", COUNTY, "钱国强", "0573-86560133"),
    ("南湖区人民法院", "litigation", COUNTY, "立案庭", "0573-83917100"),
    ("东栅街道综合指挥室（四个平台）", "town_dispatch", TOWN, "屠卫东", "0573-86879390"),
    ("南湖区综合行政执法局东栅中队", "dept_handling", TOWN, "李国强", "0573-82063110"),
]
# (category code or None for all, grid code, stage, body): the deepest grid wins, so the
# labour rule sits at the town to take precedence over the town's general mediation rule.
RULES = [
    (None, COMMUNITY, "self_gov", "东栅社区百姓议事会"),
    (None, TOWN, "mediation", "东栅街道人民调解委员会"),
    ("labour", TOWN, "mediation", "南湖区劳动人事争议调解中心"),
    (None, COUNTY, "county_center", "南湖区社会矛盾纠纷调处化解中心"),
    (None, COUNTY, "litigation", "南湖区人民法院"),
    (None, TOWN, "town_dispatch", "东栅街道综合指挥室（四个平台）"),
    (None, TOWN, "dept_handling", "南湖区综合行政执法局东栅中队"),
]
# (category, urgency, working days) beyond the default 1/3/5 seeded by migration 0002.
SLAS = [("labour", Urgency.YELLOW, 10), ("land", Urgency.YELLOW, 15),
        ("environment", Urgency.GREEN, 3), ("suggestion", Urgency.GREEN, 10)]

# Demo staff (site/demo.json): grid worker, cadre, town operator, mediator, judge, grid head.
W, C, T, M, J, H = ("13800000006", "13800000004", "13800000003", "13800000007", "13800000008",
                    "13800000005")
ZHANG, WANG, LI, ZHAO = "13900000001", "13900000002", "13900000003", "13900000006"
MICRO1, MICRO2 = "330402005001001001", "330402005001001002"
# steps: (to status, actor, note[, resolution]) or ("rate", reporter, rating, comment).
# "stale": the current stage began long ago, so the SLA sweep marks it overdue (督办).
REPORTS: list[dict[str, Any]] = [
    {"reporter": ZHANG, "category": "neighbour", "grid": MICRO1, "days_ago": 20,
     "address": "东栅路18号1幢", "description":
        "楼上402室每晚十一点后还在拖动家具、小孩跑跳，家里老人整夜睡不好，上门沟通过两次没有效果。",
     "steps": [(S.GRID_ACCEPTED, W, "已受理，明天上午上门了解情况。"),
               (S.RESOLVED, W, "网格员上门调解，402住户同意晚十点后不再拖动家具并加铺地垫，双方握手言和。",
                "on_the_spot"),
               ("rate", ZHANG, R.SATISFIED, "网格员很负责，第二天就上门了。")]},
    {"reporter": WANG, "category": "property", "grid": MICRO1, "days_ago": 25,
     "address": "东栅路18号3幢旁绿地", "description":
        "小区物业把3幢旁边的绿地改成了收费停车位，没有征求业主意见，停车收费收支也从不公示。",
     "steps": [(S.GRID_ACCEPTED, W, "已受理，涉及全体业主利益。"),
               (S.SELF_GOV, W, "提交东栅社区百姓议事会协商。"),
               (S.RESOLVED, C, "议事会组织业主代表与物业协商：恢复一半绿地，停车收费收支每季度公示。",
                "self_gov"),
               ("rate", WANG, R.FAIRLY, "基本解决了，希望公示能坚持下去。")]},
    {"reporter": LI, "category": "hazard", "grid": MICRO2, "days_ago": 12,
     "address": "东栅路22号3幢一楼楼道", "lat": "30.748120", "lng": "120.786450", "description":
        "3幢一楼楼道堆满纸箱和旧家具，还有人把电动车推进楼道充电，电线从窗户拉进来，存在火灾隐患。",
     "steps": [(S.GRID_ACCEPTED, W, "已现场核实，隐患属实。"),
               (S.TOWN_DISPATCH, W, "涉及多户违规充电，需综合执法联合整治。"),
               (S.DEPT_HANDLING, T, "派南湖区综合行政执法局东栅中队处置。"),
               (S.RESOLVED, T, "执法中队联合物业清理楼道杂物，劝导住户到小区集中充电桩充电，复查无反弹。",
                "department"),
               ("rate", LI, R.SATISFIED, "楼道终于干净了，谢谢！")]},
    {"reporter": ZHAO, "category": "environment", "grid": MICRO2, "days_ago": 3,
     "address": "东栅路与中环东路交叉口", "description":
        "东栅路与中环东路交叉口的两个垃圾桶满溢三天了，一直没人清运，天热异味很大。",
     "steps": [(S.GRID_ACCEPTED, W, "已受理。"),
               (S.RESOLVED, W, "已联系环卫所加派清运车辆，今后每天早晚各清运一次。", "on_the_spot")]},
    {"reporter": ZHAO, "category": "labour", "grid": MICRO2, "days_ago": 6,
     "address": "东栅街道某装修公司", "description":
        "在东栅街道一家装修公司做了四个月木工，老板至今拖欠工资二万三千元，多次讨要都说再等等。",
     "steps": [(S.GRID_ACCEPTED, W, "已受理，正在核实用工情况。"),
               (S.SELF_GOV, W, "涉及劳资关系，转社区协调。"),
               (S.MEDIATION, C, "社区约谈未果，转南湖区劳动人事争议调解中心调解。")]},
    {"reporter": LI, "category": "family", "grid": MICRO2, "days_ago": 1, "anonymous": True,
     "address": "东栅路22号2幢", "description":
        "隔壁邻居夫妻最近经常吵架，昨晚十一点多听到摔东西和女方哭喊，担心有家庭暴力，希望有人关心一下。",
     "steps": [(S.GRID_ACCEPTED, W, "已受理，约社区妇联执委一同上门走访。")]},
    {"reporter": WANG, "category": "land", "grid": MICRO1, "days_ago": 28,
     "address": "东栅街道马家浜村承包地", "description":
        "我家在马家浜村的承包地与邻户界址有争议，对方在地界上砌了围墙，占了我家约半米宽、二十米长的地。",
     "steps": [(S.GRID_ACCEPTED, W, "已受理，调取土地承包经营权证。"),
               (S.SELF_GOV, W, "转社区协调。"),
               (S.MEDIATION, C, "双方对界址各执一词，转街道人民调解委员会。"),
               (S.COUNTY_CENTER, M, "双方分歧较大，提交区矛调中心联合调处。"),
               (S.LITIGATION, M, "矛调中心联合调处未达成一致，引导当事人向南湖区人民法院起诉，法院安排诉前调解。")]},
    {"reporter": ZHANG, "category": "help", "grid": MICRO1, "days_ago": 9,
     "address": "东栅路18号1幢", "description":
        "我一个人住，厨房水管接口漏水，自己修不了，想请人帮忙看看。",
     "steps": [(S.GRID_ACCEPTED, W, "已联系社区志愿服务队的水电师傅。"),
               (S.RESOLVED, W, "志愿者上门更换了水管接头，已不再漏水。", "on_the_spot"),
               ("rate", ZHANG, R.SATISFIED, "谢谢志愿者师傅！")]},
    {"reporter": WANG, "category": "suggestion", "grid": MICRO1, "days_ago": 1,
     "address": "东栅社区公园", "description":
        "建议在东栅社区公园增设几张休息长椅和一套老年人健身器材，现在老人散步累了没地方坐。",
     "steps": []},
    {"reporter": ZHAO, "category": "tipoff", "grid": MICRO2, "days_ago": 2, "anonymous": True,
     "address": "东栅路口河道边", "description":
        "东栅路口一家小餐馆晚上把废油直接倒进旁边的河道里，河面上能看到油花。",
     "steps": [(S.GRID_ACCEPTED, W, "已现场核实，河面确有油污。"),
               (S.TOWN_DISPATCH, W, "涉及环境违法，派街道四平台处置。")]},
    {"reporter": ZHANG, "category": "hazard", "grid": MICRO1, "days_ago": 10, "stale": True,
     "address": "东栅路18号小区南门", "lat": "30.747310", "lng": "120.785020", "description":
        "东栅路18号小区门口的井盖破损松动，晚上看不清，前两天已经有老人被绊倒。",
     "steps": [(S.GRID_ACCEPTED, W, "已设置警示锥，联系市政维修。")]},
    {"reporter": LI, "category": "property", "grid": MICRO2, "days_ago": 15,
     "address": "东栅路22号2幢电梯", "description":
        "2幢电梯这个月已经坏了三次，物业每次都拖两三天才修，楼里老人上下楼很困难。",
     "steps": [(S.GRID_ACCEPTED, W, "已受理，督促物业维修。"),
               (S.RESOLVED, W, "物业已更换电梯门机板并恢复运行。", "on_the_spot"),
               ("rate", LI, R.DISSATISFIED, "修好两天又坏了，物业没有彻底维修。")]},
    {"reporter": WANG, "category": "help", "grid": MICRO1, "days_ago": 5,
     "address": "东栅路18号3幢", "description":
        "想咨询一下孩子明年上小学的学区是怎么划分的，应该找哪个部门？",
     "steps": [(S.REJECTED, W, "属于政策咨询，不作报事受理；已电话答复可咨询南湖区教育局或在“浙里办”查询学区。")]},
    {"reporter": ZHANG, "category": "neighbour", "grid": MICRO1, "days_ago": 2, "filed_by": H,
     "address": "东栅路18号1幢楼下绿地", "description":
        "张阿姨到网格服务站反映：楼下邻居在公共绿地上种菜并浇粪肥，气味很大，沟通无果。",
     "steps": [(S.GRID_ACCEPTED, W, "已受理，约双方明天在网格服务站面谈。")]},
    {"reporter": LI, "category": "hazard", "grid": MICRO2, "days_ago": 16,
     "address": "东栅路22号小区东门", "description":
        "小区东门的路灯坏了一个多星期，晚上一片漆黑，老人和孩子出门很不安全。",
     "steps": [(S.GRID_ACCEPTED, W, "已受理。"),
               (S.RESOLVED, W, "已督促物业更换灯具，晚上复查照明正常。", "on_the_spot"),
               ("rate", LI, R.SATISFIED, "")]},
    {"reporter": ZHAO, "category": "hazard", "grid": MICRO2, "days_ago": 0.2,
     "address": "东栅菜市场北门", "description":
        "东栅菜市场门口电动车乱停，把消防通道都堵住了。", "steps": []},
]


def load_demo(site: Any) -> None:
    categories = _categories()
    grids = {grid.code: grid for grid in Grid.objects.filter(
        code__in={b[2] for b in BODIES} | {r["grid"] for r in REPORTS})}
    with transaction.atomic():
        bodies = _bodies(grids)
        _rules(categories, bodies, grids)
        _slas(categories)
    mobiles = {r["reporter"] for r in REPORTS} | {r.get("filed_by") for r in REPORTS} | {
        step[1] for r in REPORTS for step in r["steps"]}
    users = {u.mobile: u for u in get_user_model().objects.filter(mobile__in=mobiles - {None})}
    created = [report for item in REPORTS
               if (report := _report(item, categories, grids, users)) is not None]
    if created:
        # Only now: a sweep before the back-dating would see every deadline in the future.
        sweep.sweep()


def _categories() -> dict[str, Category]:
    found = {}
    for order, (code, name, kind, public, urgency, description, keywords) in enumerate(CATEGORIES):
        found[code], _created = Category.objects.get_or_create(code=code, defaults={
            "name": name, "kind": kind, "is_public": public, "default_urgency": urgency,
            "description": description, "keywords": keywords, "order": (order + 1) * 10})
    return found


def _bodies(grids: dict[str, Grid]) -> dict[str, HandlingBody]:
    found = {}
    for name, stage, code, contact, phone in BODIES:
        grid = grids.get(code)
        if grid is None:
            continue
        found[name], _created = HandlingBody.objects.get_or_create(name=name, grid=grid, defaults={
            "stage": stage, "contact_name": contact, "contact_phone": phone})
    return found


def _rules(categories: dict[str, Category], bodies: dict[str, HandlingBody],
           grids: dict[str, Grid]) -> None:
    for category_code, grid_code, stage, body_name in RULES:
        body, grid = bodies.get(body_name), grids.get(grid_code)
        if body is None or grid is None:
            continue
        category = categories.get(category_code) if category_code else None
        if not RoutingRule.objects.filter(category=category, grid=grid, stage=stage).exists():
            RoutingRule.objects.create(category=category, grid=grid, stage=stage, body=body)


def _slas(categories: dict[str, Category]) -> None:
    for category_code, urgency, days in SLAS:
        category = categories.get(category_code)
        if category is not None:
            SlaPolicy.objects.get_or_create(category=category, urgency=urgency,
                                            defaults={"working_days": days})


def _report(item: dict, categories: dict[str, Category], grids: dict[str, Grid],
            users: dict[str, Any]) -> Report | None:
    reporter, grid = users.get(item["reporter"]), grids.get(item["grid"])
    category = categories.get(item["category"])
    if reporter is None or grid is None or category is None:
        return None
    if Report.objects.filter(reporter=reporter, description=item["description"]).exists():
        return None
    if any(users.get(step[1]) is None for step in item["steps"]):
        return None
    try:
        with transaction.atomic():
            report = services.submit_report(
                reporter=reporter, category=category, grid=grid, address=item["address"],
                description=item["description"], anonymous=item.get("anonymous", False),
                filed_by=users.get(item.get("filed_by")),
                latitude=item.get("lat"), longitude=item.get("lng"))
            for to_status, mobile, note, *extra in item["steps"]:
                if to_status == "rate":
                    workflow.rate(report, reporter, note, extra[0])
                else:
                    workflow.transition(report, to_status, actor=users[mobile], note=note,
                                        resolution=extra[0] if extra else "")
            _backdate(report, item["days_ago"], stale=item.get("stale", False))
    except ValidationError as exc:  # e.g. a demo user's role or scope was changed since
        logger.info("demo report skipped: %s", exc.messages[0])
        return None
    return report


def _backdate(report: Report, days_ago: float, *, stale: bool) -> None:
    """Spread the timeline over the past ``days_ago`` days.

    An open report's current stage began a few hours ago (so it is within its time
    limit), unless ``stale``: then it began long ago and the sweep will supervise it.
    """
    now = timezone.now()
    filed = now - timedelta(days=days_ago)
    steps = list(report.transitions.order_by("created_at", "pk"))
    if report.is_active and not stale:
        last = now - timedelta(hours=min(3, days_ago * 12))
    else:
        last = filed + timedelta(days=days_ago * 0.6)
    span = max(last - filed, timedelta(minutes=10))
    for index, step in enumerate(steps):
        at = filed + span * (index / max(len(steps) - 1, 1))
        Transition.objects.filter(pk=step.pk).update(created_at=at)
        if step.to_status == S.RESOLVED:
            Report.objects.filter(pk=report.pk).update(resolved_at=at)
        elif step.to_status == S.CLOSED:
            Report.objects.filter(pk=report.pk).update(closed_at=at)
    # 一事一编码 carries the filing date: the back-dated day's next number, not today's.
    code = services.allocate_code(report.grid, timezone.localdate(filed))
    Report.objects.filter(pk=report.pk).update(created_at=filed, code=code)
    report.refresh_from_db()
    moves = [step for step in steps if step.from_status != step.to_status]
    if report.is_active and moves:
        # The current stage's deadline from when that (back-dated) stage began.
        started = filed + span * (steps.index(moves[-1]) / max(len(steps) - 1, 1))
        due_at, _missing = sla.deadline(report, started)
        Report.objects.filter(pk=report.pk).update(due_at=due_at)
