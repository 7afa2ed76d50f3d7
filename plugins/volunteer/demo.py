"""Demo content for ``load_site --demo``: two organisations, five activities, a few sign-ups.

Idempotent: organisations are found by name, activities by organisation and title,
sign-ups by (activity, resident); what exists is never changed, so an
organiser's edits survive a re-run. Times are relative to the first load, so the
demo always has activities to sign up for and one already held. Grids and demo
residents come from site/grids.csv and site/demo.json; missing ones are skipped.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.grids.models import Grid

from . import services
from .manifest import RULE_ATTEND, RULE_ATTEND_LONG
from .models import Activity, ActivityStatus, CheckinMethod, Organisation, OrganisationKind, SignUp

logger = logging.getLogger("jiayuan.volunteer")

ORGANISATIONS = [
    {"name": "东栅街道志愿者协会", "kind": OrganisationKind.SOCIAL, "grid": "330402005000",
     "contact_name": "沈国平", "contact_phone": "0573-82561234",
     "members": ["13800000003", "13800000004"],
     "description": "东栅街道登记的志愿服务社会组织，常年开展垃圾分类督导、敬老助老和平安巡防。"},
    {"name": "南湖区红船志愿服务队", "kind": OrganisationKind.TEAM, "grid": "330402000000",
     "contact_name": "钱志强", "contact_phone": "0573-82089600", "members": [],
     "description": "传承红船精神的区级志愿服务队，开展景区讲解、文明劝导和反诈宣传。"},
]

# (organisation, title, grid code, place, day offset, start, end, capacity, hours, rule, text)
ACTIVITIES = [
    ("东栅街道志愿者协会", "垃圾分类督导", "330402005001", "东栅社区东栅路18号垃圾分类投放点",
     3, "07:00", "09:00", 6, "2", RULE_ATTEND,
     "早高峰投放时段在投放点值守，指导居民干湿分开、破袋投放，记录不规范投放情况。"),
    ("东栅街道志愿者协会", "关爱独居老人走访", "330402005001001", "东栅第一网格各独居老人家中",
     -4, "14:00", "16:30", 4, "2", RULE_ATTEND,
     "两人一组走访网格内独居老人，了解身体和生活情况，检查燃气和用电安全，帮助解决实际困难。"),
    ("南湖区红船志愿服务队", "文明交通劝导", "330402005000", "中环东路与东升路交叉口",
     5, "07:00", "09:00", 10, "2", RULE_ATTEND,
     "早高峰在路口协助交警劝导电动车戴头盔、不闯红灯、不逆行，发放文明出行宣传单。"),
    ("南湖区红船志愿服务队", "南湖景区志愿讲解", "330402000000", "南湖景区南湖革命纪念馆",
     7, "09:00", "14:00", 8, "4.5", RULE_ATTEND_LONG,
     "为游客讲解红船精神和南湖革命纪念馆展陈，协助维持参观秩序。需提前参加一次讲解培训。"),
    ("南湖区红船志愿服务队", "反诈宣传进社区", "330402001001", "紫阳社区党群服务中心广场",
     10, "09:30", "11:30", 5, "2", RULE_ATTEND,
     "设摊讲解常见电信网络诈骗手法，帮助居民下载安装国家反诈中心App，发放宣传资料。"),
]

# (activity title, resident mobile, attended)
SIGNUPS = [
    ("垃圾分类督导", "13900000001", False),
    ("垃圾分类督导", "13900000002", False),
    ("关爱独居老人走访", "13900000001", True),
    ("关爱独居老人走访", "13900000003", True),
    ("文明交通劝导", "13900000003", False),
    ("反诈宣传进社区", "13900000005", False),
]
ORGANISER_MOBILE = "13800000005"  # 吴建明, 网格长 of 东栅第一网格, confirms attendance


def _at(day_offset: int, hhmm: str) -> datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    day = timezone.localtime() + timedelta(days=day_offset)
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


def load_demo(site: Any) -> None:
    grids = {grid.code: grid for grid in Grid.objects.filter(
        code__in={o["grid"] for o in ORGANISATIONS} | {a[2] for a in ACTIVITIES})}
    users = {user.mobile: user for user in get_user_model().objects.filter(
        mobile__in={s[1] for s in SIGNUPS} | {ORGANISER_MOBILE}
        | {m for o in ORGANISATIONS for m in o["members"]})}
    with transaction.atomic():
        organisations = _organisations(grids, users)
        activities = _activities(organisations, grids)
        attended = _signups(activities, users)
    organiser = users.get(ORGANISER_MOBILE)
    for signup in attended:
        try:
            # Confirmed as the activity ended, as an organiser would have done.
            services.record_attendance(signup.pk, actor=organiser, method=CheckinMethod.ORGANISER,
                                       now=min(signup.activity.ends_at, timezone.now()))
        except services.VolunteerError as exc:  # e.g. the resident cancelled it since
            logger.info("demo attendance skipped: %s", exc.messages[0])


def _organisations(grids: dict[str, Grid], users: dict) -> dict[str, Organisation]:
    found = {}
    for item in ORGANISATIONS:
        grid = grids.get(item["grid"])
        if grid is None:
            continue
        organisation, created = Organisation.objects.get_or_create(name=item["name"], defaults={
            "kind": item["kind"], "grid": grid, "contact_name": item["contact_name"],
            "contact_phone": item["contact_phone"], "description": item["description"],
        })
        if created:
            organisation.members.add(*[users[m] for m in item["members"] if m in users])
        found[organisation.name] = organisation
    return found


def _activities(organisations: dict[str, Organisation], grids: dict[str, Grid]
                ) -> dict[str, Activity]:
    found = {}
    for org_name, title, code, place, day, start, end, capacity, hours, rule, text in ACTIVITIES:
        organisation, grid = organisations.get(org_name), grids.get(code)
        if organisation is None or grid is None:
            continue
        activity, _ = Activity.objects.get_or_create(organisation=organisation, title=title,
                                                     defaults={
            "grid": grid, "place": place, "starts_at": _at(day, start), "ends_at": _at(day, end),
            "capacity": capacity, "service_hours": Decimal(hours), "points_rule": rule,
            "status": ActivityStatus.PUBLISHED, "description": text,
        })
        found[title] = activity
    return found


def _signups(activities: dict[str, Activity], users: dict) -> list[SignUp]:
    """Create the demo sign-ups; return those to mark attended."""
    to_attend = []
    for title, mobile, attended in SIGNUPS:
        activity, resident = activities.get(title), users.get(mobile)
        if activity is None or resident is None:
            continue
        signup, created = SignUp.objects.get_or_create(activity=activity, resident=resident)
        if created:  # signed up a couple of days ahead, not at load time
            signed_up_at = min(activity.starts_at - timedelta(days=2), timezone.now())
            SignUp.objects.filter(pk=signup.pk).update(created_at=signed_up_at)
        if attended:
            to_attend.append(signup)
    return to_attend
