"""Open311 fixtures: both plugins on, reports in two grids, an API key for 东栅社区.

Tree (core.testing.grid_tree): 嘉兴市 > 南湖区 > 新嘉街道 > 东栅社区 > 东栅第一网格 > 微网格,
plus 新兴社区 > 新兴第一网格 and 秀洲区 > 王店镇.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

import pytest
from django.apps import apps

from plugins.open311.keys import assign_new_key
from plugins.open311.models import ApiKey
from plugins.reports.testing import make_report, report_categories  # noqa: F401 — fixtures


@pytest.fixture(autouse=True)
def _plugins_registered(plugin_host):
    """Re-register the plugins if an earlier test in the process unregistered them."""
    for slug in ("reports", "open311"):
        if plugin_host.pm.get_plugin(slug) is None:
            plugin_host.register_app(apps.get_app_config(slug))
    plugin_host.forget_snapshot()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def open311_on(set_plugin, home_page):
    set_plugin("reports", True)
    set_plugin("open311", True)
    return home_page


@pytest.fixture
def hotline_user(make_user, grid_tree):
    """The account the 12345 hotline files under (a plain resident-type account)."""
    return make_user("resident", grid=grid_tree["dongzha"], name="12345政务服务热线")


@pytest.fixture
def api_key(hotline_user, grid_tree) -> tuple[ApiKey, str]:
    """(key row, raw key) for 12345 政务服务热线, authorised for 东栅社区."""
    key = ApiKey(name="12345 政务服务热线", grid=grid_tree["dongzha"], service_user=hotline_user)
    raw = assign_new_key(key)
    key.save()
    return key, raw


@pytest.fixture
def reports(make_report, make_user, grid_tree) -> dict[str, Any]:  # noqa: F811 — fixture
    """A public hazard and a non-public dispute in 东栅, a hazard filed anonymously,
    and a dispute in 新兴社区 (another grid)."""
    other = make_user("resident", grid=grid_tree["xgrid"], name="陆小红")
    return {
        "hazard": make_report(category="hazard", description="东栅花园3幢楼道堆放电瓶车充电，存在火灾隐患。",
                              latitude="30.752311", longitude="120.781234"),
        "dispute": make_report(category="dispute"),
        "anon": make_report(category="environment", anonymous=True,
                            description="新嘉街道东栅路垃圾桶满溢无人清运。",
                            address="东栅路88号3单元201室门口",
                            latitude="30.751234", longitude="120.782345"),
        "other": make_report(reporter=other, grid=grid_tree["xgrid"], category="dispute",
                             description="邻里因停车位发生争吵。"),
    }


def parse_xml(response) -> ElementTree.Element:
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ElementTree.fromstring(response.content)  # noqa: S314 — our own output
