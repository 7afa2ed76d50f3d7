"""Demo letters from the site's demo residents, some already answered by demo staff.

Writers and repliers are looked up by mobile among the users of the instance
folder's demo.json; whoever is missing (another deployment, no demo file) is
skipped. Idempotent on (writer, subject): a second run creates nothing.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import services
from .models import Category, Letter

logger = logging.getLogger("jiayuan.plugins")


@dataclass(frozen=True)
class DemoLetter:
    writer: str  # mobile
    category: str
    subject: str
    body: str
    days_ago: int
    anonymous: bool = False
    replier: str = ""  # mobile of the staff member who answered, "" if still pending
    reply: str = ""
    close: bool = False


LETTERS = [
    DemoLetter(
        "13900000001", Category.SUGGESTION, "东栅路18号南门路灯坏了一个多月",
        "东栅路18号小区南门口的路灯从上个月中旬就不亮了，晚上老人孩子进出看不清台阶，"
        "上周已经有人摔了一跤。希望社区帮忙联系维修。", 12,
        replier="13800000005",
        reply="张阿姨您好，已联系街道城管中队，维修人员周四上午到场更换灯具。"
              "修好前我们在台阶处放了警示牌，晚上出入请注意安全。",
    ),
    DemoLetter(
        "13900000002", Category.HELP, "老伴行动不便，想申请居家养老上门服务",
        "老伴今年82岁，去年中风后行动不便，子女都在外地。想问问社区能不能安排助浴、"
        "助餐这类上门服务，需要准备什么材料。", 3,
    ),
    DemoLetter(
        "13900000003", Category.ENQUIRY, "志愿服务时长能不能用于孩子入学积分",
        "我参加社区志愿服务一年多了，听说志愿服务时长可以折算新居民子女入学积分，"
        "想了解具体怎么申请、在哪里查自己的时长。", 9,
        replier="13800000004",
        reply="李女士您好，志愿服务时长可在“志愿服务”应用中查询并打印证明；"
              "入学积分申请请于每年4月在区教育局网站提交，社区工作站可协助打印材料。",
        close=True,
    ),
    DemoLetter(
        "13900000004", Category.COMPLAINT, "庆丰浜村口河道有人夜间倾倒建筑垃圾",
        "最近半个月，庆丰浜村口桥边几乎每晚都有三轮车来倒装修垃圾，河道已经堵了一半，"
        "下雨天水排不出去。希望村里尽快处理，最好装个监控。", 2, anonymous=True,
    ),
    DemoLetter(
        "13900000005", Category.SUGGESTION, "建议在紫阳街55号增设电动车充电桩",
        "小区里电动车越来越多，不少人从楼上拉电线飞线充电，很不安全。"
        "建议在5幢和6幢之间的空地建一处集中充电棚。", 5,
    ),
]


def demo_users() -> dict[str, str] | None:
    """Mobile → name of the users in the instance folder's demo file (None without one)."""
    path = Path(settings.SITE_DIR) / "demo.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return {user["mobile"]: user.get("name", "") for user in data.get("users", [])
            if "mobile" in user}


def load() -> int:
    """Create the missing demo letters; returns how many were created."""
    named = demo_users()
    if not named:
        logger.info("mailbox: no demo users in %s, no demo letters", settings.SITE_DIR)
        return 0
    wanted = {m for letter in LETTERS for m in (letter.writer, letter.replier) if m in named}
    # Name and mobile must both match: a real account that happens to hold a demo
    # mobile number never receives demo letters.
    users = {u.mobile: u for u in get_user_model().objects.filter(mobile__in=wanted)
             .select_related("home_grid", "scope_grid") if u.name == named[u.mobile]}
    created = 0
    now = timezone.now()
    for item in LETTERS:
        writer = users.get(item.writer)
        if writer is None or writer.home_grid is None:
            continue
        if Letter.objects.filter(author=writer, subject=item.subject).exists():
            continue
        with transaction.atomic():
            when = now - timedelta(days=item.days_ago)
            letter = Letter.objects.create(
                author=writer, grid=writer.home_grid, category=item.category,
                subject=item.subject, body=item.body, anonymous=item.anonymous, created_at=when,
            )
            replier = users.get(item.replier)
            if replier is not None and item.reply:
                # Through the service, so the resident's inbox shows the answer too.
                services.reply(letter, replier, item.reply, close=item.close,
                               at=when + timedelta(hours=20))
        created += 1
    return created
