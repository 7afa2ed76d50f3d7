"""Demo content: realistic 东栅社区 deliberation, loaded through the hook, idempotent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from wagtail.models import Site

from core.grids.importer import import_grids_csv
from core.grids.models import Grid
from core.identity.models import User
from core.instance.loader import load_demo_content
from core.points.models import PointEntry
from plugins.deliberation import demo
from plugins.deliberation.models import (
    Attendance,
    Ballot,
    Council,
    Decision,
    DecisionStep,
    IssueItem,
    Meeting,
    Opinion,
    Poll,
    Stage,
    Suggestion,
    Support,
    Topic,
)

pytestmark = pytest.mark.django_db

SITE_DIR = Path(settings.SITE_DIR)


@pytest.fixture
def demo_site(make_user, home_page, set_plugin):
    set_plugin("deliberation", True)
    import_grids_csv(SITE_DIR / "grids.csv")
    for item in json.loads((SITE_DIR / "demo.json").read_text(encoding="utf-8"))["users"]:
        make_user(item.get("role") or "resident", grid=Grid.objects.get(code=item["grid"]),
                  scope=Grid.objects.filter(code=item.get("scope")).first(),
                  mobile=item["mobile"], name=item["name"])
    return Site.objects.get(is_default_site=True)


def _counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (
        Topic, Opinion, Poll, Ballot, Suggestion, Support, IssueItem, Council, Meeting, Attendance,
        Decision, DecisionStep)) + (PointEntry.objects.filter(rule_code__startswith="deliberation.").count(),)


def test_demo_content_is_realistic_and_idempotent(demo_site):
    assert Group.objects.filter(name="居民").exists()
    load_demo_content(demo_site)
    first = _counts()
    # 2 topics/5 opinions, 2 polls/6 ballots, 4 suggestions/6 supports, 3 issue items,
    # 2 councils, 1 meeting with 3 present, 7 decisions with 1+2+…+7 steps;
    # points: 6 votes + 1 adoption + 2 attendances (朱丽萍 and 张秀英 have accounts).
    assert first == (2, 5, 2, 6, 4, 6, 3, 2, 1, 3, 7, 28, 9)
    assert sorted(Decision.objects.values_list("stage", flat=True)) == sorted(s.value for s in Stage)
    closed = Poll.objects.get(title="东栅路北段村道路灯改造方案")
    assert closed.has_closed() and closed.ballots.count() == 4
    assert Poll.objects.get(title="垃圾分类积分兑换点选址").is_open()
    assert Suggestion.objects.get(title="小区东门夜间路灯太暗").status == "adopted"
    meeting = Meeting.objects.get()
    assert meeting.agenda.count() == 3 and meeting.minutes
    # Edits survive a re-run, and nothing is added twice.
    Topic.objects.filter(title="东栅社区停车位划线方案讨论").update(body="改过的说明")
    demo.load_demo(demo_site)
    assert _counts() == first
    assert Topic.objects.get(title="东栅社区停车位划线方案讨论").body == "改过的说明"


def test_demo_residents_see_their_matters(client, demo_site):
    demo.load_demo(demo_site)
    client.force_login(User.objects.get(mobile="13900000002"))  # 王建国, 东栅社区
    page = client.get("/deliberation/").content.decode()
    assert "垃圾分类积分兑换点选址" in page and "东栅路18号老旧小区加装电梯意见征集" in page
    assert "东栅公园南入口无障碍坡道改造" in page  # implemented and published
    assert "党群服务中心二楼改建老年食堂" not in page  # only proposed so far
    client.force_login(User.objects.get(mobile="13900000005"))  # 孙丽娟, 紫阳社区
    assert "垃圾分类积分兑换点选址" not in client.get("/deliberation/").content.decode()


def test_demo_skips_what_this_deployment_lacks(grid_tree, home_page):
    demo.load_demo(Site.objects.get(is_default_site=True))
    assert _counts() == (0,) * 13
