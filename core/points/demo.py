"""Demo points for the residents of site/demo.json (mobiles 139000000xx).

``load_demo_points()`` is idempotent: every entry has a "demo:…" key, so running
it again writes nothing. The demo plugins may not declare point rules yet, so the
history is made of staff adjustments with realistic reasons; pending claims are
added only where a claimable rule exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from .availability import claimable_rules, default_site
from .claims import submit_claim
from .errors import PointsError
from .models import PointClaim, PointEntry
from .services import adjust

# The administrator of the demo (a superuser) records the adjustments.
ACTOR_MOBILE = "13800000001"

HISTORY: dict[str, list[tuple[int, str]]] = {
    "13900000001": [  # 张秀英, 东栅社区
        (10, "参加垃圾分类督导志愿服务"),
        (5, "参加东栅社区居民议事会（加装电梯议题）"),
        (8, "协助网格员开展冬季燃气安全入户宣传"),
        (15, "家庭垃圾分类全年达标"),
        (-5, "楼道堆放杂物，经提醒后已清理"),
    ],
    "13900000002": [  # 王建国, 同户
        (5, "参加东栅社区居民议事会（加装电梯议题）"),
        (10, "参加垃圾分类督导志愿服务"),
        (3, "庭院整洁（美丽庭院月度评比）"),
    ],
    "13900000003": [  # 李梅, 医师
        (10, "社区义诊志愿服务"),
        (5, "参加“平安建设”反诈宣传活动"),
        (-3, "电动车楼道充电，经劝导已整改"),
    ],
    "13900000004": [  # 杨伟, 庆丰村
        (5, "参加庆丰村村民议事会"),
        (10, "参与河道保洁志愿服务"),
        (5, "协助调解邻里纠纷"),
    ],
    "13900000005": [  # 孙丽娟, 紫阳社区
        (5, "参加紫阳社区居民议事会"),
        (10, "参加“邻里守望”助老志愿服务"),
    ],
}

CLAIMS: dict[str, str] = {
    "13900000001": "11月28日上午陪同独居老人到社区卫生服务中心接种流感疫苗",
    "13900000003": "周末在小区门口为居民免费测量血压，约30人次",
}


@dataclass
class DemoPointsReport:
    entries: int = 0
    claims: int = 0
    skipped: list[str] = field(default_factory=list)


def load_demo_points() -> DemoPointsReport:
    """Give the demo residents a points history and a couple of pending claims."""
    User = get_user_model()
    report = DemoPointsReport()
    actor = User.objects.filter(mobile=ACTOR_MOBILE).first()
    site = default_site()
    with transaction.atomic():
        for mobile, items in HISTORY.items():
            user = User.objects.filter(mobile=mobile).first()
            if user is None:
                report.skipped.append(mobile)
                continue
            for index, (amount, reason) in enumerate(items):
                key = f"demo:{mobile}:{index}"
                if not PointEntry.objects.filter(key=key).exists():
                    adjust(user, amount, reason=reason, actor=actor, key=key)
                    report.entries += 1
        for mobile, description in CLAIMS.items():
            user = User.objects.filter(mobile=mobile).first()
            if user is None or PointClaim.objects.filter(resident=user,
                                                         description=description).exists():
                continue
            rules = claimable_rules(user, site)
            if not rules:
                continue  # no plugin declares a claimable rule yet
            try:
                submit_claim(user, rule_code=rules[0].code, description=description, site=site)
            except PointsError:
                continue
            report.claims += 1
    return report
