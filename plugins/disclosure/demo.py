"""Demo 三务公开 for the demo villages of site/grids.csv and site/demo.json.

东栅社区 (where most demo residents live) gets a full quarter: the 20-line
2026年第三季度财务收支公开 — published, then corrected once with a note, so the
revision history has something to show — plus a 党员发展公示, a 低保 list with
masked names and ID numbers, a 村级工程 posting and two questions (one answered
by the community cadre). 庆丰村 and 紫阳社区 get one or two postings each.

Idempotent on the slug: a second run creates nothing and never touches a posting
an editor has changed. A posting whose village is missing is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.rich_text import RichText

from core.grids.models import Grid

from . import services
from .blocks import mask_id_card, mask_name
from .models import FinanceLine, Kind, PeriodKind, PostingPage, Question, QuestionStatus

CADRE = "13800000004"  # 朱丽萍, 东栅社区干部: publishes and answers for 东栅社区

# (direction, 科目, amount, 备注)
DONGZHA_LINES = [
    ("income", "上级转移支付", "180000.00", "街道下拨第三季度社区运转经费"),
    ("income", "村集体经营收入", "126600.00", "东栅路沿街商铺租金（7–9月）"),
    ("income", "村集体经营收入", "218400.00", "东栅标准厂房出租租金"),
    ("income", "上级专项补助", "36000.00", "生活垃圾分类专项补助"),
    ("income", "上级专项补助", "150000.00", "老旧小区加装电梯补助（第二批）"),
    ("income", "利息收入", "2318.46", "银行存款利息"),
    ("income", "停车管理收入", "18750.00", "东栅小区公共停车位管理费"),
    ("income", "捐赠收入", "20000.00", "辖区企业重阳节敬老捐款"),
    ("expense", "道路维修", "86500.00", "东栅路人行道（东栅桥至东升路口）破损修补"),
    ("expense", "保洁费", "97200.00", "小区及背街小巷保洁外包，32,400元/月×3个月"),
    ("expense", "绿化养护", "28800.00", "社区公共绿地及行道树养护"),
    ("expense", "社区工作者报酬", "186000.00", "7–9月报酬及社保单位部分"),
    ("expense", "办公费", "6420.50", "办公用品、打印耗材"),
    ("expense", "水电费", "14386.20", "党群服务中心水电费"),
    ("expense", "老年助餐补贴", "32400.00", "居家养老服务中心助餐补贴"),
    ("expense", "困难群众慰问", "16000.00", "中秋走访慰问困难家庭32户，每户500元"),
    ("expense", "垃圾分类", "24600.00", "桶站改造及督导员补贴"),
    ("expense", "加装电梯", "150000.00", "东栅小区3幢加装电梯工程款（第二期）"),
    ("expense", "文体活动", "8650.00", "社区“邻里节”活动经费"),
    ("expense", "消防安全", "11380.00", "楼道灭火器更换、电动车充电桩维护"),
]
# The first publication had 保洁费 mistyped; the demo corrects it with a note.
DONGZHA_TYPO = ("保洁费", "94200.00")
DONGZHA_CORRECTION = ("经社区居务监督委员会核对，7–9月保洁外包费用应为97,200元（合同月费32,400元×3个月），"
                      "原公开的94,200元系录入错误，支出合计和期末余额相应更正。")

QINGFENG_LINES = [
    ("income", "上级转移支付", "120000.00", "镇下拨村级组织运转经费"),
    ("income", "村集体经营收入", "264000.00", "庆丰村土地流转租金（下半年）"),
    ("income", "村集体经营收入", "58500.00", "村级物业用房出租租金"),
    ("income", "上级专项补助", "80000.00", "美丽乡村精品村建设补助"),
    ("expense", "道路维修", "63800.00", "庆丰港桥至村委会村道修补"),
    ("expense", "保洁费", "42000.00", "村庄保洁员工资（3人×3个月）"),
    ("expense", "河道保洁", "18600.00", "庆丰港、东浜河道保洁"),
    ("expense", "村干部报酬", "96000.00", "7–9月报酬"),
]


def _fake_id(region: str, birth: str, seq: str) -> str:
    """A checksum-valid ID-card number for demo rosters (masked before it is stored)."""
    body = f"{region}{birth}{seq}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def _roster(caption: str, rows: list[tuple[str, str, str]]) -> tuple[str, dict[str, Any]]:
    return ("roster", {"caption": caption, "rows": [
        {"name": mask_name(name), "id_number": mask_id_card(number) if number else "",
         "detail": detail} for name, number, detail in rows]})


@dataclass(frozen=True)
class DemoPosting:
    slug: str
    grid_code: str
    kind: str
    title: str
    year: int
    period_kind: str
    period_number: int
    summary: str
    paragraphs: tuple[str, ...] = ()
    rosters: tuple[tuple[str, dict[str, Any]], ...] = ()
    opening: str | None = None
    lines: tuple[tuple[str, str, str, str], ...] = ()
    supervisor_phone: str = ""
    first_version_lines: tuple[tuple[str, str], ...] = field(default=())  # (科目, amount)
    correction: str = ""


POSTINGS: tuple[DemoPosting, ...] = (
    DemoPosting(
        "dongzha-2026q3-finance", "330402005001", Kind.FINANCE, "2026年第三季度财务收支公开",
        2026, PeriodKind.QUARTER, 3,
        "东栅社区2026年7月至9月集体资金收支情况，经社区居务监督委员会审核。",
        ("<p>根据《浙江省村级财务管理办法》和街道“三资”管理要求，现将本社区2026年第三季度"
         "集体资金收支情况公开如下，接受全体居民监督。公开期为10月10日至10月31日。</p>",),
        opening="1286450.35", lines=tuple(DONGZHA_LINES), supervisor_phone="0573-80643929",
        first_version_lines=(DONGZHA_TYPO,), correction=DONGZHA_CORRECTION,
    ),
    DemoPosting(
        "dongzha-2026q3-party-members", "330402005001", Kind.PARTY,
        "关于接收2名同志为中共预备党员的公示", 2026, PeriodKind.QUARTER, 3,
        "经支部委员会审查，拟接收2名发展对象为中共预备党员，现予公示。",
        ("<p>经党支部培养教育和考察，拟接收以下2名同志为中共预备党员，现予以公示。公示期为"
         "2026年9月22日至9月28日。</p>",
         "<p>公示期间，党员和群众可通过来电、来信或来访等方式，向东栅社区党委或东栅街道党工委组织办"
         "反映公示对象的情况和问题。反映问题应实事求是，以真实姓名反映的，我们将严格保密。</p>",
         "<p>联系电话：0573-80643929（社区党委）、0573-82563100（街道组织办）</p>"),
        rosters=(_roster("拟接收预备党员名单", [
            ("沈佳琪", "", "女，1996年8月生，大学本科，东栅社区网格员，2025年3月列为发展对象"),
            ("钱宇航", "", "男，1992年11月生，大学本科，辖区企业职工，2025年3月列为发展对象"),
        ]),),
    ),
    DemoPosting(
        "dongzha-2026-09-dibao", "330402005001", Kind.VILLAGE,
        "2026年9月最低生活保障对象公示", 2026, PeriodKind.MONTH, 9,
        "新增及续保最低生活保障对象5户，公示期7天。",
        ("<p>根据《浙江省最低生活保障办法》，经本人申请、入户调查、居民代表民主评议，现将2026年9月"
         "新增及续保最低生活保障对象公示如下（姓名和身份证号已作脱敏处理）。公示期为9月20日至9月26日，"
         "如有异议，请向社区居委会或东栅街道社会事务办（0573-82563118）反映。</p>",),
        rosters=(_roster("最低生活保障对象名单", [
            ("陈阿毛", _fake_id("330402", "19520314", "121"), "新增，家庭人口1人，月保障金额1,280元"),
            ("徐月芬", _fake_id("330402", "19610927", "242"), "续保，家庭人口2人，月保障金额2,560元"),
            ("钱国荣", _fake_id("330402", "19580605", "153"), "续保，家庭人口1人，月保障金额1,280元"),
            ("朱小妹", _fake_id("330402", "19790211", "224"), "新增，家庭人口3人，月保障金额2,136元"),
            ("沈建林", _fake_id("330402", "19660819", "315"), "续保，家庭人口2人，月保障金额1,920元"),
        ]),),
    ),
    DemoPosting(
        "dongzha-2026q3-sidewalk-project", "330402005001", Kind.VILLAGE,
        "东栅路人行道改造工程项目公开", 2026, PeriodKind.QUARTER, 3,
        "村级小型工程：招标、合同、施工和验收情况全过程公开。",
        ("<h3>项目概况</h3><p>东栅路人行道（东栅桥至东升路口）破损修补及无障碍坡道改造，"
         "面积约620平方米，经社区居民代表会议2026年6月12日表决通过。</p>",
         "<h3>招标情况</h3><p>通过南湖区村级小型工程项目交易平台公开比选，3家单位参与，"
         "嘉兴禾城市政工程有限公司以86,500元中标（控制价92,000元）。</p>",
         "<h3>施工与验收</h3><p>工期2026年8月5日至9月10日，监理单位为嘉兴恒信工程监理有限公司。"
         "9月18日由街道城建办、社区居务监督委员会和居民代表联合验收，验收合格，质保期2年。</p>"),
        supervisor_phone="0573-80643929",
    ),
    DemoPosting(
        "qingfeng-2026q3-finance", "330411101201", Kind.FINANCE, "庆丰村2026年第三季度财务收支公开",
        2026, PeriodKind.QUARTER, 3, "庆丰村7月至9月村集体资金收支情况。",
        ("<p>现将庆丰村2026年第三季度村集体资金收支情况公开如下，经村务监督委员会审核，"
         "欢迎村民监督。</p>",),
        opening="532180.00", lines=tuple(QINGFENG_LINES), supervisor_phone="0573-87621936",
    ),
    DemoPosting(
        "ziyang-2026q3-party-dues", "330402001001", Kind.PARTY,
        "2026年第三季度党费收缴使用情况公开", 2026, PeriodKind.QUARTER, 3,
        "紫阳社区党委第三季度党费收缴和使用情况。",
        ("<p>2026年第三季度，社区党委应交党费党员186名，实交186名，收缴党费合计18,642.00元，"
         "已按规定全额上缴街道党工委。</p>",
         "<p>经街道党工委批准，本季度下拨使用党费6,000.00元，用于“七一”走访慰问老党员、"
         "困难党员12人，每人500元。</p>"),
    ),
)

# (posting slug, asker mobile, text, anonymous, answer or "")
QUESTIONS = [
    ("dongzha-2026q3-finance", "13900000001",
     "道路维修86,500元修的是哪一段路？有没有验收？", False,
     "本次修补的是东栅路人行道东栅桥至东升路口段，约620平方米，工程情况见“东栅路人行道改造工程项目公开”。"
     "9月18日已由街道城建办、社区居务监督委员会和居民代表联合验收合格。"),
    ("dongzha-2026q3-finance", "13900000003",
     "停车管理收入18,750元是按什么标准收的？收费标准有没有公示？", True, ""),
]


def load_demo(site: Any) -> None:
    index = services.ensure_index(site)
    grids = Grid.objects.in_bulk({p.grid_code for p in POSTINGS}, field_name="code")
    users = get_user_model().objects.in_bulk({CADRE, *(q[1] for q in QUESTIONS)},
                                             field_name="mobile")
    existing = set(PostingPage.objects.filter(slug__in=[p.slug for p in POSTINGS])
                   .values_list("slug", flat=True))
    for item in POSTINGS:
        if item.slug not in existing and item.grid_code in grids:
            with transaction.atomic():
                _create(index, item, grids[item.grid_code], users.get(CADRE))
    _questions(users)


def _lines(item: DemoPosting, overrides: dict[str, str]) -> list[FinanceLine]:
    return [FinanceLine(direction=d, subject=s, amount=Decimal(overrides.get(s, a)), note=n)
            for d, s, a, n in item.lines]


def _create(index, item: DemoPosting, grid: Grid, cadre: Any) -> PostingPage:
    # The 东栅社区 cadre publishes her own village's postings; the others are loaded
    # as the system (no user), since she may not publish outside her scope.
    scope = getattr(cadre, "scope_grid", None)
    if scope is None or not grid.is_within(scope):
        cadre = None
    body = [("paragraph", RichText(html)) for html in item.paragraphs] + list(item.rosters)
    page = PostingPage(title=item.title, slug=item.slug, target_grid=grid, kind=item.kind,
                       year=item.year, period_kind=item.period_kind,
                       period_number=item.period_number, summary=item.summary, body=body,
                       supervisor_phone=item.supervisor_phone, live=False)
    versions = [dict(item.first_version_lines), {}] if item.first_version_lines else [{}]
    for number, overrides in enumerate(versions):
        if item.kind == Kind.FINANCE:
            page.finance_lines = _lines(item, overrides)
            _set_totals(page, Decimal(item.opening))
        if number == 0:
            index.add_child(instance=page)
        else:
            page.correction_note = item.correction
        page.save_revision(user=cadre).publish(user=cadre)
    return page


def _set_totals(page: PostingPage, opening: Decimal) -> None:
    lines = page.finance_lines.all()
    page.opening_balance = opening
    page.total_income = sum((x.amount for x in lines if x.direction == "income"), Decimal("0"))
    page.total_expense = sum((x.amount for x in lines if x.direction == "expense"), Decimal("0"))
    page.closing_balance = opening + page.total_income - page.total_expense


def _questions(users: dict) -> None:
    postings = {p.slug: p for p in PostingPage.objects.filter(
        slug__in={q[0] for q in QUESTIONS}).select_related("target_grid")}
    cadre = users.get(CADRE)
    for slug, mobile, text, anonymous, answer in QUESTIONS:
        posting, asker = postings.get(slug), users.get(mobile)
        if posting is None or asker is None:
            continue
        question, created = Question.objects.get_or_create(
            posting=posting, asker=asker, text=text, defaults={"anonymous": anonymous})
        if created and answer and cadre is not None:
            try:
                services.update_question(question.pk, cadre, answer=answer,
                                         status=QuestionStatus.ANSWERED)
            except services.DisclosureError:  # the cadre's scope was changed since
                pass
