"""Demo content: realistic Jiaxing numbers, loaded idempotently."""

from __future__ import annotations

import pytest
from wagtail.models import Site

from core.instance.loader import load_demo_content
from plugins.hotline import demo
from plugins.hotline.models import HotlineEntry

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_keeps_edits(grid_tree):
    # The demo's grid-bound rows use the site's tree codes: give the test tree one of them.
    dongzha = grid_tree["town"].add_child(name="东栅社区", level="community", code="330402005001")
    first = demo.load()
    assert first == HotlineEntry.objects.count() == len(demo.CITY_WIDE) + 1
    assert HotlineEntry.objects.get(number="96345").name == "嘉兴96345便民服务热线"
    assert HotlineEntry.objects.get(name="东栅社区工作站").grid == dongzha
    HotlineEntry.objects.filter(number="110").update(description="改过的说明")
    assert demo.load() == 0
    assert HotlineEntry.objects.count() == first
    assert HotlineEntry.objects.get(number="110").description == "改过的说明"


def test_demo_skips_grids_this_deployment_lacks():
    demo.load()
    assert not HotlineEntry.objects.filter(grid__isnull=False).exists()


def test_demo_runs_through_the_hook_twice(home_page):
    site = Site.objects.get(is_default_site=True)
    load_demo_content(site)
    count = HotlineEntry.objects.count()
    load_demo_content(site)
    assert count == HotlineEntry.objects.count() > 10


@pytest.mark.parametrize("number", ["110", "96345", "0573-82001234", "13800001111", "400-800-1234"])
def test_valid_numbers(number):
    HotlineEntry(name="号码", number=number).full_clean()
