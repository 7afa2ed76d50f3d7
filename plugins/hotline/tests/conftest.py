"""Hotline fixtures: a few numbers, city-wide and bound to grids of the test tree."""

from __future__ import annotations

import pytest
from django.apps import apps

from plugins.hotline.manifest import MANIFEST
from plugins.hotline.models import Category, HotlineEntry


@pytest.fixture(autouse=True)
def real_hotline_registered(plugin_host):
    """Put the real plugin back if an earlier test in this process removed it.

    Several core tests register a stand-in plugin under the slug "hotline" with
    ``register_temporarily``, whose teardown unregisters the slug: the real
    plugin is then gone for the rest of the process.
    """
    if plugin_host.manifest("hotline") is not MANIFEST or not plugin_host.pm.get_plugin("hotline"):
        plugin_host.unregister("hotline")
        plugin_host.load_errors.pop("hotline", None)
        plugin_host.register_app(apps.get_app_config("hotline"))
        plugin_host.forget_snapshot()


@pytest.fixture
def entries(db, grid_tree) -> dict[str, HotlineEntry]:
    make = HotlineEntry.objects.create
    return {
        "96345": make(category=Category.SERVICE, name="嘉兴96345便民服务热线", number="96345",
                      description="家政维修、助老服务", hours="24小时", sort_order=10),
        "110": make(category=Category.EMERGENCY, name="报警", number="110", sort_order=20),
        "120": make(category=Category.EMERGENCY, name="急救", number="120", sort_order=30),
        "95598": make(category=Category.UTILITY, name="国网供电服务热线", number="95598",
                      description="停电报修", sort_order=70),
        "dongzha": make(category=Category.COMMUNITY, name="东栅社区工作站",
                        number="0573-80643929", sort_order=210, grid=grid_tree["dongzha"]),
        "xinxing": make(category=Category.COMMUNITY, name="新兴社区工作站",
                        number="0573-80640000", sort_order=210, grid=grid_tree["xinxing"]),
    }


@pytest.fixture
def editor(make_user, grid_tree):
    """An editor answering for 东栅社区 only."""
    return make_user("editor", grid=grid_tree["micro"], scope=grid_tree["dongzha"], name="陆文静")
