"""一键报事 fixtures: the plugin enabled, and the staff of each stage on the test grid tree.

Tree (core.testing.grid_tree): 嘉兴市 > 南湖区 > 新嘉街道 > 东栅社区 > 东栅第一网格 > 微网格,
plus 新兴社区 > 新兴第一网格 and 秀洲区 > 王店镇.
"""

from __future__ import annotations

import pytest
from django.apps import apps

from plugins.reports.testing import make_report, report_categories  # noqa: F401 — fixtures


@pytest.fixture(autouse=True)
def _reports_registered(plugin_host):
    """Re-register the plugin if an earlier test in the process unregistered it."""
    if plugin_host.pm.get_plugin("reports") is None:
        plugin_host.register_app(apps.get_app_config("reports"))
        plugin_host.forget_snapshot()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def reports_on(set_plugin, home_page):
    """Enabled site-wide, with a default Site (the points ledger needs one)."""
    set_plugin("reports", True)
    return home_page


@pytest.fixture
def staff(make_user, grid_tree):
    """One user per handling role, each scoped where that role works."""
    t = grid_tree
    return {
        "worker": make_user("grid_worker", grid=t["grid1"], scope=t["grid1"], name="王丽娟"),
        "other_worker": make_user("grid_worker", grid=t["xgrid"], scope=t["xgrid"],
                                  name="陆海峰"),
        "cadre": make_user("cadre", grid=t["dongzha"], scope=t["dongzha"], name="沈建华"),
        "town_operator": make_user("town_operator", grid=t["town"], scope=t["town"],
                                   name="朱晓燕"),
        "mediator": make_user("mediator", grid=t["town"], scope=t["town"], name="钱国强"),
        "county_mediator": make_user("mediator", grid=t["nanhu"], scope=t["nanhu"],
                                     name="徐文斌"),
        "judge": make_user("judge", grid=t["nanhu"], scope=t["nanhu"], name="褚立新"),
        "xiuzhou_judge": make_user("judge", grid=t["xiuzhou"], scope=t["xiuzhou"],
                                   name="姚振华"),
        "county_operator": make_user("town_operator", grid=t["nanhu"], scope=t["nanhu"],
                                     name="许建明"),
    }

