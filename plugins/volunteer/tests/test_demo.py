"""Demo content: two organisations, five activities, sign-ups by the demo residents; idempotent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Site

from core.grids.importer import import_grids_csv
from core.grids.models import Grid
from core.identity.models import User
from core.instance.loader import load_demo_content
from core.points.models import PointEntry
from plugins.volunteer import demo
from plugins.volunteer.models import Activity, Organisation, SignUp, SignUpStatus

pytestmark = pytest.mark.django_db

SITE_DIR = Path(settings.SITE_DIR)


@pytest.fixture
def demo_site(make_user, home_page, set_plugin):
    """The site's real grid tree and its demo users (as ``load_site --demo`` makes them)."""
    set_plugin("volunteer", True)
    import_grids_csv(SITE_DIR / "grids.csv")
    for item in json.loads((SITE_DIR / "demo.json").read_text(encoding="utf-8"))["users"]:
        make_user(item.get("role", "resident"), grid=Grid.objects.get(code=item["grid"]),
                  scope=Grid.objects.filter(code=item.get("scope")).first(),
                  mobile=item["mobile"], name=item["name"])
    return Site.objects.get(is_default_site=True)


def _counts() -> tuple[int, ...]:
    return (Organisation.objects.count(), Activity.objects.count(), SignUp.objects.count(),
            SignUp.objects.filter(status=SignUpStatus.ATTENDED).count(),
            # Core demo points (adjustments) are loaded too: count this plugin's own.
            PointEntry.objects.filter(rule_code__startswith="volunteer.").count())


def test_demo_content_is_realistic_and_idempotent(demo_site):
    load_demo_content(demo_site)  # through the hook, as load_site --demo does
    assert _counts() == (2, 5, 6, 2, 2)
    association = Organisation.objects.get(name="东栅街道志愿者协会")
    assert association.grid.name == "东栅街道"
    assert {m.mobile for m in association.members.all()} == {"13800000003", "13800000004"}
    assert set(Activity.objects.values_list("title", flat=True)) == {
        "垃圾分类督导", "关爱独居老人走访", "文明交通劝导", "南湖景区志愿讲解", "反诈宣传进社区"}
    elder_visit = Activity.objects.get(title="关爱独居老人走访")
    assert elder_visit.has_ended
    zhang = User.objects.get(mobile="13900000001")
    assert SignUp.objects.get(activity=elder_visit, resident=zhang).status == SignUpStatus.ATTENDED
    earned = PointEntry.objects.filter(user=zhang, rule_code__startswith="volunteer.")
    assert sum(entry.amount for entry in earned) == 10
    # Edits by organisers survive a re-run, and nothing is added twice.
    Activity.objects.filter(title="垃圾分类督导").update(capacity=12, place="改过的地点")
    demo.load_demo(demo_site)
    assert _counts() == (2, 5, 6, 2, 2)
    assert Activity.objects.get(title="垃圾分类督导").place == "改过的地点"
    earned = PointEntry.objects.filter(user=zhang, rule_code__startswith="volunteer.")
    assert sum(entry.amount for entry in earned) == 10


def test_demo_residents_see_their_activities(client, demo_site):
    demo.load_demo(demo_site)
    client.force_login(User.objects.get(mobile="13900000005"))  # 孙丽娟, 紫阳社区
    page = client.get("/volunteer/").content.decode()
    assert "反诈宣传进社区" in page and "南湖景区志愿讲解" in page
    assert "垃圾分类督导" not in page  # 东栅社区 only


def test_demo_skips_grids_and_residents_this_deployment_lacks(grid_tree, home_page):
    demo.load_demo(Site.objects.get(is_default_site=True))
    # The test tree shares only 南湖区's code with the site's: its team and activity load.
    assert _counts() == (1, 1, 0, 0, 0)
    assert Activity.objects.get().title == "南湖景区志愿讲解"
