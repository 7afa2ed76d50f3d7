"""Demo content for ``load_site --demo``: 顾敏's counselor profile, weekly hours, next
week's slots and two answered anonymous questions.

Idempotent: the profile is found by user, weekly hours by (weekday, start), slots
by start time, questions by title; what exists is never changed. Demo users come
from site/demo.json; if they are missing nothing is loaded.
"""

from __future__ import annotations

import logging
from datetime import time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import services
from .models import CounselorProfile, Mode, Question, WeeklyAvailability

logger = logging.getLogger("jiayuan.psych")

COUNSELOR_MOBILE = "13800000009"
ASKER_MOBILE = "13900000001"

PROFILE = {
    "display_name": "顾敏老师",
    "intro": "国家二级心理咨询师，从事社区心理服务八年，擅长倾听与陪伴，"
             "帮助来访者梳理情绪、找到自己的应对方法。",
    "specialties": "情绪压力、亲子关系、婚姻家庭、老年心理",
    "online": True, "in_person": True,
    "place": "嘉兴市南湖区社区心理服务站（党群服务中心二楼）",
}

# (weekday 0=Monday, start, minutes, mode)
WEEKLY = [
    (1, time(14, 0), 50, Mode.ONLINE),
    (1, time(15, 0), 50, Mode.ONLINE),
    (3, time(19, 0), 50, Mode.ONLINE),
    (5, time(9, 0), 50, Mode.IN_PERSON),
    (5, time(10, 0), 50, Mode.IN_PERSON),
]

QUESTIONS = [
    ("孩子上初中后不爱说话，怎么沟通？",
     "孩子今年初二，回家就关房门，问什么都说“没事”。我很担心，又怕说多了他更烦。",
     "青春期的孩子需要更多自己的空间，关门不一定代表出了问题。可以少问“学习怎么样”，"
     "多聊他感兴趣的事；每天固定一小段不带评价的相处时间，比如一起散步。"
     "如果出现持续两周以上的情绪低落、不愿上学或睡眠明显变化，建议预约咨询师一起看看。"),
    ("退休后总觉得心里空落落的，正常吗？",
     "退休半年了，每天不知道干什么，晚上也睡不好，是不是心理出了问题？",
     "退休是人生的一大转变，出现失落感很常见。可以给自己安排有规律的作息，"
     "参加社区的兴趣小组或志愿服务，重新建立和他人的联结。"
     "如果失眠、情绪低落持续两周以上，可以先做一下本站的 PHQ-9 自评，也欢迎预约面询。"),
]


def load_demo(site: Any) -> None:
    users = {u.mobile: u for u in get_user_model().objects.filter(
        mobile__in=[COUNSELOR_MOBILE, ASKER_MOBILE])}
    counselor = users.get(COUNSELOR_MOBILE)
    if counselor is None:
        logger.info("psych demo: counselor %s missing, skipped", COUNSELOR_MOBILE)
        return
    with transaction.atomic():
        profile, _ = CounselorProfile.objects.get_or_create(user=counselor, defaults=PROFILE)
        for weekday, start, minutes, mode in WEEKLY:
            WeeklyAvailability.objects.get_or_create(
                profile=profile, weekday=weekday, start=start,
                defaults={"minutes": minutes, "mode": mode})
        today = timezone.localdate()
        services.publish_week(profile, today + timedelta(days=7 - today.weekday()))
        asker = users.get(ASKER_MOBILE)
        if asker is None:
            return
        now = timezone.now()
        for title, body, answer in QUESTIONS:
            Question.objects.get_or_create(title=title, defaults={
                "asker": asker, "body": body, "answer": answer, "answered_by": profile,
                "answered_at": now})
