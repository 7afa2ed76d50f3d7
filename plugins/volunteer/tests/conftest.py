"""Volunteering fixtures: organisations and activities on the shared test grid tree.

Times are relative to now (no clock freezing): ``make_activity(starts_in=…)``
puts an activity in the future, ``running=True`` puts "now" inside it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from plugins.volunteer.models import Activity, ActivityStatus, Organisation, OrganisationKind


@pytest.fixture(autouse=True)
def _volunteer_registered(plugin_host):
    """Re-register this plugin if an earlier test in the process unregistered it.

    core/portal/tests/test_home.py registers a temporary plugin under the slug
    "volunteer"; its teardown unregisters the real one for the rest of the xdist
    worker (reported: register_temporarily should restore what it replaced).
    """
    if plugin_host.pm.get_plugin("volunteer") is None:
        plugin_host.register_app(apps.get_app_config("volunteer"))
        plugin_host.forget_snapshot()


@pytest.fixture
def volunteer_on(set_plugin, home_page):
    """The plugin enabled site-wide, and a default Site for the points ledger."""
    set_plugin("volunteer", True)
    return home_page


@pytest.fixture
def organisation(grid_tree) -> Organisation:
    return Organisation.objects.create(name="东栅社区志愿服务站", kind=OrganisationKind.COMMUNITY,
                                       grid=grid_tree["dongzha"], contact_name="沈建华",
                                       contact_phone="0573-82001234")


@pytest.fixture
def make_activity(organisation, grid_tree) -> Callable[..., Activity]:
    def make(title: str = "垃圾分类督导", grid: str = "dongzha", capacity: int = 3,
             starts_in: timedelta = timedelta(days=2), running: bool = False,
             hours: str = "2", **fields: Any) -> Activity:
        starts_at = timezone.now() + (-timedelta(minutes=10) if running else starts_in)
        duration = timedelta(hours=fields.pop("duration", 2))
        fields.setdefault("organisation", organisation)
        fields.setdefault("status", ActivityStatus.PUBLISHED)
        fields.setdefault("points_rule", "volunteer.attend")
        return Activity.objects.create(
            title=title, grid=grid_tree[grid], place="东栅路18号投放点", starts_at=starts_at,
            ends_at=starts_at + duration, capacity=capacity, service_hours=Decimal(hours),
            **fields,
        )

    return make


@pytest.fixture
def cadre(make_user, grid_tree):
    """A community cadre answering for 东栅社区: publishes and confirms there."""
    return make_user("cadre", grid=grid_tree["micro"], scope=grid_tree["dongzha"], name="朱丽萍")


@pytest.fixture
def other_cadre(make_user, grid_tree):
    """A cadre of 新兴社区: must not see 东栅社区's activities."""
    return make_user("cadre", grid=grid_tree["xgrid"], scope=grid_tree["xinxing"], name="钱晓燕")
