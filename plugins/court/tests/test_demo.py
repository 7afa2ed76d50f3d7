"""Demo content: Jiaxing judges and pairings, a week of slots, bookings, pages, 5 FAQs; idempotent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Site

from core.grids.importer import import_grids_csv
from core.grids.models import Grid
from core.identity.models import Badge, User
from core.instance.loader import load_demo_content
from plugins.court import demo
from plugins.court.models import (
    Answer,
    Booking,
    CourtNoticePage,
    JudgeProfile,
    LitigationGuidePage,
    Question,
    Slot,
)

pytestmark = pytest.mark.django_db

SITE_DIR = Path(settings.SITE_DIR)


@pytest.fixture
def demo_site(make_user, home_page, set_plugin):
    """The site's real grid tree and its demo users (as ``load_site --demo`` makes them)."""
    set_plugin("reports", True)
    set_plugin("court", True)
    import_grids_csv(SITE_DIR / "grids.csv")
    data = json.loads((SITE_DIR / "demo.json").read_text(encoding="utf-8"))
    for item in data["users"]:
        user = make_user(item.get("role", "resident"), grid=Grid.objects.get(code=item["grid"]),
                         scope=Grid.objects.filter(code=item.get("scope")).first(),
                         mobile=item["mobile"], name=item["name"],
                         is_superuser=item.get("role") == "administrator")
        user.badges.add(*[Badge.objects.get_or_create(name=b)[0] for b in item.get("badges", [])])
    return Site.objects.get(is_default_site=True)


def _counts() -> tuple[int, ...]:
    return (JudgeProfile.objects.count(), Slot.objects.count(), Booking.objects.count(),
            CourtNoticePage.objects.count(), LitigationGuidePage.objects.count(),
            Question.objects.count(), Answer.objects.filter(is_published=True).count())


def test_demo_content_is_realistic_and_idempotent(demo_site):
    load_demo_content(demo_site)  # through the hook, as load_site --demo does
    assert _counts() == (2, 14, 2, 3, 4, 5, 5)
    jin = JudgeProfile.objects.get(user__mobile="13800000008")
    assert jin.court == "南湖区人民法院"
    assert "东栅社区" in set(jin.paired_grids.values_list("name", flat=True))
    shen = JudgeProfile.objects.get(court="秀洲区人民法院")
    assert shen.user.has_role("judge") and shen.court_grid.code == "330411000000"
    titles = set(Question.objects.values_list("title", flat=True))
    for topic in ("彩礼", "通道", "工资", "物业费", "赡养"):
        assert any(topic in title for title in titles), topic
    on_behalf = Booking.objects.get(resident__mobile="13900000003")
    assert on_behalf.booked_by.mobile == "13800000006"
    # Edits survive a re-run, and nothing is added twice.
    JudgeProfile.objects.filter(pk=jin.pk).update(phone="0573-00000000")
    demo.load_demo(demo_site)
    assert _counts() == (2, 14, 2, 3, 4, 5, 5)
    assert JudgeProfile.objects.get(pk=jin.pk).phone == "0573-00000000"


def test_demo_residents_see_their_judge_and_faq(client, demo_site):
    demo.load_demo(demo_site)
    client.force_login(User.objects.get(mobile="13900000004"))  # 杨伟, 秀洲区庆丰村
    page = client.get("/court/").content.decode()
    assert "沈振华" in page and "金慧" not in page
    assert "兄弟几个都不愿赡养老人" in client.get("/court/qa/").content.decode()


def test_demo_skips_what_this_deployment_lacks(grid_tree, home_page):
    demo.load_demo(Site.objects.get(is_default_site=True))
    # The test tree has no demo users: no judges, slots or FAQ; the pages still load.
    assert _counts() == (0, 0, 0, 3, 4, 0, 0)
