"""网格议事 fixtures on the shared test grid tree (core/testing.py).

Times are relative to now (no clock freezing): ``make_poll(opens_in=…)`` moves the
voting window; the default poll is open for the next day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from plugins.deliberation.models import Choice, Poll, PollKind, PublishStatus


@pytest.fixture(autouse=True)
def _deliberation_registered(plugin_host):
    """Re-register this plugin if an earlier test in the process unregistered it."""
    if plugin_host.pm.get_plugin("deliberation") is None:
        plugin_host.register_app(apps.get_app_config("deliberation"))
        plugin_host.forget_snapshot()


@pytest.fixture
def dlb_on(set_plugin, home_page):
    """The plugin enabled site-wide, and a default Site for the points ledger."""
    set_plugin("deliberation", True)
    return home_page


@pytest.fixture
def make_poll(grid_tree) -> Callable[..., Poll]:
    def make(title: str = "停车位划线方案", grid: str = "dongzha", options=("方案一", "方案二", "方案三"),
             kind: str = PollKind.SINGLE, max_choices: int = 1,
             opens_in: timedelta = -timedelta(hours=1), lasts: timedelta = timedelta(days=1),
             **fields: Any) -> Poll:
        opens_at = timezone.now() + opens_in
        fields.setdefault("status", PublishStatus.PUBLISHED)
        poll = Poll.objects.create(title=title, grid=grid_tree[grid], kind=kind,
                                   max_choices=max_choices, opens_at=opens_at,
                                   closes_at=opens_at + lasts, **fields)
        for index, text in enumerate(options):
            Choice.objects.create(poll=poll, text=text, sort_order=index)
        return poll

    return make


@pytest.fixture
def cadre(make_user, grid_tree):
    """A community cadre answering for 东栅社区."""
    return make_user("cadre", grid=grid_tree["micro"], scope=grid_tree["dongzha"], name="朱丽萍")


@pytest.fixture
def grid_head(make_user, grid_tree):
    return make_user("grid_head", grid=grid_tree["micro"], scope=grid_tree["grid1"], name="吴建明")


@pytest.fixture
def other_cadre(make_user, grid_tree):
    """A cadre of 新兴社区: must not see or touch 东栅社区's matters."""
    return make_user("cadre", grid=grid_tree["xgrid"], scope=grid_tree["xinxing"], name="钱晓燕")


@pytest.fixture
def neighbour(make_user, grid_tree):
    """Another verified resident of 东栅社区 (same micro-grid)."""
    return make_user("resident", grid=grid_tree["micro"], name="王建国")


@pytest.fixture
def outsider(make_user, grid_tree):
    """A verified resident of 新兴社区."""
    return make_user("resident", grid=grid_tree["xgrid"], name="李梅")
