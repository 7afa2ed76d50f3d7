"""Demo content for ``load_site --demo``: the mediation directory of 南湖区 and two cases.

Order-independent with the reports plugin's demo (either may run first): the
directory needs only grids, categories are linked when they exist, and cases are
made only from reports that exist. The labour dispute the reports demo sends to
mediation gets a case with a scheduled session; a property dispute filed here by a
demo resident is walked through the real workflow and settled with an agreement.
Idempotent: organisations by name, posts by (organisation, user), the report by
(reporter, description); what exists is never changed.
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
from plugins.reports import services as report_services
from plugins.reports import workflow
from plugins.reports.models import Category, Report

from . import services
from .models import Case, CaseStatus, Mediator, Organisation, OrganisationKind, Session

logger = logging.getLogger("jiayuan.mediation")
K = OrganisationKind
S = Report.Status
MEDIATOR = "13800000007"  # 徐卫东, the demo mediator of site/demo.json (scope 南湖区)
WORKER, CADRE = "13800000006", "13800000004"
RESIDENT = "13900000002"
MICRO = "330402005001001001"

# (name, kind, region code, address, phone, speciality category codes, mediator title)
ORGANISATIONS: list[tuple[str, str, str, str, str, tuple[str, ...], str]] = [
    ("南湖区社会矛盾纠纷调处化解中心", K.CENTRE, "330402000000", "南湖区中环南路1399号",
     "0573-86560133", (), "首席调解员"),
    ("南湖区人民调解委员会", K.COUNTY, "330402000000", "南湖区南溪东路55号司法局一楼",
     "0573-82081148", ("neighbour", "land"), "专职人民调解员"),
    ("东栅街道人民调解委员会", K.TOWN, "330402005000", "南湖区东栅街道东栅路90号",
     "0573-82170312", ("neighbour", "property", "land"), "调委会副主任"),
    ("新嘉街道人民调解委员会", K.TOWN, "330402002000", "南湖区新嘉街道中环东路1128号",
     "0573-82635016", ("neighbour", "family"), ""),
    ("东栅社区人民调解委员会", K.VILLAGE, "330402005001", "东栅社区党群服务中心二楼",
     "0573-80643929", ("neighbour", "property"), ""),
    ("嘉兴市物业纠纷人民调解委员会", K.TRADE, "330400000000", "嘉兴市南湖区广益路883号",
     "0573-82085630", ("property",), "特邀调解员"),
    ("南湖区劳动人事争议调解中心", K.TRADE, "330402000000", "南湖区凌公塘路3339号",
     "0573-82571093", ("labour",), "劳动争议调解员"),
    ("南湖区婚姻家庭纠纷人民调解委员会", K.TRADE, "330402000000", "南湖区妇女儿童活动中心三楼",
     "0573-82088795", ("family",), ""),
    ("嘉兴市医疗纠纷人民调解委员会", K.TRADE, "330400000000", "嘉兴市南湖区东升东路1095号",
     "0573-82097730", (), ""),
]
LABOUR_DISPUTE = "在东栅街道一家装修公司做了四个月木工"  # the reports demo's 欠薪 report
PROPERTY_DISPUTE = ("东栅路18号2幢楼上卫生间漏水，渗到我家天花板发霉掉皮，楼上住户说是物业管道的问题，"
                    "物业说是住户自家防水层的问题，三方互相推诿两个多月。")


def load_demo(site: Any) -> None:
    with transaction.atomic():
        orgs = _directory()
    people = {u.mobile: u for u in get_user_model().objects.filter(
        mobile__in=[MEDIATOR, WORKER, CADRE, RESIDENT])}
    mediator = people.get(MEDIATOR)
    if mediator is None:
        return
    _posts(orgs, mediator)
    _labour_case(orgs, people)
    _agreement_case(orgs, people)


def _directory() -> dict[str, Organisation]:
    grids = {g.code: g for g in Grid.objects.filter(code__in={o[2] for o in ORGANISATIONS})}
    categories = {c.code: c for c in Category.objects.all()}
    found: dict[str, Organisation] = {}
    for name, kind, code, address, phone, specialities, _title in ORGANISATIONS:
        if code not in grids:
            continue
        org, created = Organisation.objects.get_or_create(name=name, defaults={
            "kind": kind, "grid": grids[code], "address": address, "phone": phone})
        if created or not org.specialities.exists():
            org.specialities.add(*[categories[c] for c in specialities if c in categories])
        found[name] = org
    return found


def _posts(orgs: dict[str, Organisation], user: Any) -> None:
    titles = {o[0]: o[6] for o in ORGANISATIONS}
    for name, org in orgs.items():
        Mediator.objects.get_or_create(organisation=org, user=user, defaults={
            "name": user.name, "title": titles[name] or "人民调解员",
            "speciality": "婚姻家庭、邻里纠纷、劳动争议"})


def _case_for(report: Report) -> Case | None:
    services.open_case(report.pk, report.status)
    return Case.objects.filter(report=report, stage=report.status).order_by("-pk").first()


def _labour_case(orgs: dict[str, Organisation], people: dict[str, Any]) -> None:
    """The reports demo's 欠薪 dispute at the mediation stage: assigned, one session ahead."""
    report = Report.objects.filter(status=S.MEDIATION, category__code="labour",
                                   description__startswith=LABOUR_DISPUTE).first()
    org = orgs.get("南湖区劳动人事争议调解中心")
    if report is None or org is None:
        return
    case = _case_for(report)
    if case is None or case.status != CaseStatus.PENDING:
        return
    mediator = people[MEDIATOR]
    post = Mediator.objects.get(organisation=org, user=mediator)
    try:
        services.assign(case.pk, org, post, actor=mediator)
        start = timezone.localtime().replace(hour=9, minute=30, second=0, microsecond=0) \
            + timedelta(days=2)
        services.schedule_session(case.pk, starts_at=start, ends_at=start + timedelta(hours=2),
                                  place="南湖区劳动人事争议调解中心第二调解室", actor=mediator)
    except ValidationError as exc:
        logger.warning("mediation demo: labour case skipped: %s", exc.messages[0])


def _agreement_case(orgs: dict[str, Organisation], people: dict[str, Any]) -> None:
    """A 漏水 dispute filed by a demo resident, mediated by 东栅街道调委会 and settled."""
    org = orgs.get("东栅街道人民调解委员会")
    category = Category.objects.filter(code="property").first()
    grid = Grid.objects.filter(code=MICRO).first()
    resident, worker, cadre = people.get(RESIDENT), people.get(WORKER), people.get(CADRE)
    if None in (org, category, grid, resident, worker, cadre):
        return
    if Report.objects.filter(reporter=resident, description=PROPERTY_DISPUTE).exists():
        return
    mediator = people[MEDIATOR]
    try:
        with transaction.atomic():
            report = report_services.submit_report(
                reporter=resident, category=category, description=PROPERTY_DISPUTE, grid=grid,
                address="东栅路18号2幢")
            workflow.transition(report, S.GRID_ACCEPTED, actor=worker, note="已受理，约三方现场查看。")
            workflow.transition(report, S.SELF_GOV, actor=worker, note="涉及物业责任，转社区协调。")
            workflow.transition(report, S.MEDIATION, actor=cadre,
                                note="三方对漏水责任各执一词，转街道人民调解委员会。")
            case = _case_for(report)
            post = Mediator.objects.get(organisation=org, user=mediator)
            services.assign(case.pk, org, post, actor=mediator)
            # A session already held: the service only books future times, so the demo
            # writes the past one directly.
            held = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0) \
                - timedelta(days=1)
            Session.objects.create(
                case=case, mediator=post, starts_at=held, ends_at=held + timedelta(hours=2),
                place="东栅街道人民调解委员会调解室", created_by=mediator, notes_by=mediator,
                notes="三方到场。经查看，漏水点为楼上卫生间地漏与物业公共立管接口处。"
                      "物业承认立管老化，住户承认地面防水层破损。经调解，三方同意分担维修费用。")
            services.record_agreement(
                case.pk, actor=mediator,
                parties="申请人：王秀英，东栅路18号2幢201室业主\n"
                        "被申请人：李建国，东栅路18号2幢301室业主\n"
                        "被申请人：嘉兴市东栅物业服务有限公司",
                facts="2幢301室卫生间漏水渗至201室，致201室天花板发霉脱落。三方对漏水责任及维修费用承担存在争议。",
                terms="一、物业公司于协议签订后七日内更换2幢公共立管接口，费用由物业公司承担；\n"
                      "二、301室业主李建国于十五日内重做卫生间防水层，费用自行承担；\n"
                      "三、201室天花板修复费用人民币1800元，由物业公司与李建国各承担900元，"
                      "于履行期限前支付给王秀英；\n四、各方就本纠纷再无其他争议。",
                performance_deadline=timezone.localdate() + timedelta(days=15),
                signed_on=timezone.localdate())
    except ValidationError as exc:
        logger.warning("mediation demo: agreement case skipped: %s", exc.messages[0])
