"""在线法院 fixtures on the shared test grid tree (core/testing.py).

东栅社区 is paired with judge 金慧 (南湖区人民法院); 新兴社区 with judge 陆海峰, so a
second judge of the same county is *not* paired with 东栅社区's residents.
Times are relative to now (no clock freezing).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from plugins.court.models import JudgeProfile, Slot
from plugins.reports.testing import make_report, report_categories  # noqa: F401 — fixtures


@pytest.fixture(autouse=True)
def _court_registered(plugin_host):
    """Re-register the plugin if an earlier test in the process unregistered it."""
    for slug in ("reports", "court"):
        if plugin_host.pm.get_plugin(slug) is None:
            plugin_host.register_app(apps.get_app_config(slug))
            plugin_host.forget_snapshot()


@pytest.fixture
def court_on(set_plugin, home_page):
    """reports (which court depends on) and court enabled site-wide."""
    set_plugin("reports", True)
    set_plugin("court", True)
    return home_page


@pytest.fixture
def make_judge(make_user, grid_tree) -> Callable[..., JudgeProfile]:
    def make(name: str = "金慧", paired: tuple[str, ...] = ("dongzha",), county: str = "nanhu",
             court: str = "南湖区人民法院", **fields: Any) -> JudgeProfile:
        user = make_user("judge", grid=grid_tree["town"], scope=grid_tree[county], name=name)
        profile = JudgeProfile.objects.create(
            user=user, court=court, tribunal=fields.pop("tribunal", "东栅人民法庭"),
            title="员额法官", court_grid=grid_tree[county], phone="0573-82512308",
            shared_court_place="东栅社区党群服务中心二楼共享法庭", **fields)
        profile.paired_grids.add(*[grid_tree[key] for key in paired])
        return profile

    return make


@pytest.fixture
def judge(make_judge) -> JudgeProfile:
    return make_judge()


@pytest.fixture
def other_judge(make_judge) -> JudgeProfile:
    """Same court and county, paired with 新兴社区 only."""
    return make_judge(name="陆海峰", paired=("xinxing",))


@pytest.fixture
def make_slot(judge) -> Callable[..., Slot]:
    def make(starts_in: timedelta = timedelta(days=3), minutes: int = 60,
             kind: str = "consultation", mode: str = "shared_court",
             for_judge: JudgeProfile | None = None) -> Slot:
        starts_at = timezone.now() + starts_in
        return Slot.objects.create(judge=for_judge or judge, starts_at=starts_at,
                                   ends_at=starts_at + timedelta(minutes=minutes), kind=kind,
                                   mode=mode)

    return make


@pytest.fixture
def lawyer(make_user, grid_tree):
    """A resident holding the 律师 badge: may answer legal questions (plugin setting)."""
    from core.identity.models import Badge

    user = make_user("resident", grid=grid_tree["xgrid"], name="徐卫东")
    user.badges.add(Badge.objects.get_or_create(name="律师")[0])
    return user


@pytest.fixture
def reviewer(make_user, grid_tree):
    """An editor for 南湖区 who reviews answers (court.publish_answer via role migration)."""
    return make_user("editor", grid=grid_tree["micro"], scope=grid_tree["nanhu"], name="陆文静")
