"""Home panel, site search, plugin_enabled and the demo content."""

from __future__ import annotations

import pytest
from django.conf import settings
from wagtail.models import GroupPagePermission, Site

from core.plugins.host import host
from plugins.villagenews import hooks
from plugins.villagenews.models import VillageNewsIndexPage, VillageNewsPage

pytestmark = pytest.mark.django_db


def test_home_panel_shows_latest_three_for_the_grid(client, enabled, resident, grid_tree,
                                                    publish_news):
    for day in range(4):
        publish_news(f"东栅社区动态{day}", grid_tree["dongzha"], days_ago=day)
    publish_news("秀洲区动态", grid_tree["xiuzhou"])
    client.force_login(resident)
    page = client.get("/").content.decode()
    assert 'data-testid="villagenews-panel"' in page
    assert all(f"东栅社区动态{day}" in page for day in range(3))
    assert "东栅社区动态3" not in page and "秀洲区动态" not in page
    assert 'href="/villagenews/"' in page


def test_home_panel_absent_without_news_or_when_disabled(client, set_plugin, resident,
                                                         grid_tree, publish_news, news_index):
    set_plugin("villagenews", True)
    client.force_login(resident)
    assert 'data-testid="villagenews-panel"' not in client.get("/").content.decode()
    publish_news("东栅社区动态", grid_tree["dongzha"])
    set_plugin("villagenews", False)
    assert 'data-testid="villagenews-panel"' not in client.get("/").content.decode()


def test_search_finds_visible_news_by_a_word_inside_a_run(client, enabled, resident,
                                                          grid_tree, publish_news):
    publish_news("东栅街道开展垃圾分类桶边督导", grid_tree["town"],
                 body="党员志愿者早晚守桶站")
    publish_news("秀洲区垃圾分类培训", grid_tree["xiuzhou"])
    client.force_login(resident)
    page = client.get("/search/", {"q": "志愿者"}).content.decode()
    assert "东栅街道开展垃圾分类桶边督导" in page and "村情动态" in page
    page = client.get("/search/", {"q": "垃圾分类"}).content.decode()
    assert "东栅街道开展垃圾分类桶边督导" in page
    assert "秀洲区垃圾分类培训" not in page  # another county's news


def test_search_hook_returns_hits_only_when_enabled(rf, set_plugin, resident, grid_tree,
                                                    publish_news):
    from core.plugins.middleware import plugin_context_for
    from core.search.services import search_site

    publish_news("马家浜村三治融合议事会", grid_tree["dongzha"], tags=("三治融合",))
    request = rf.get("/search/")
    request.user = resident
    set_plugin("villagenews", True)
    request.plugins = plugin_context_for(request)
    hits = search_site(request, "议事会").hits
    assert [(hit.title, hit.kind) for hit in hits] == [("马家浜村三治融合议事会", "村情动态")]
    set_plugin("villagenews", False)
    request.plugins = plugin_context_for(request)
    assert search_site(request, "议事会").hits == []


def test_plugin_enabled_creates_the_index_once(home_page, admin_user):
    site = Site.objects.get(is_default_site=True)
    for _ in range(2):  # through the host, as the state service calls it
        host.call_one("villagenews", "plugin_enabled", site=site, grid=None, user=admin_user)
    index = VillageNewsIndexPage.objects.get()
    assert index.get_parent().pk == home_page.pk and index.live and index.url == "/villagenews/"
    assert GroupPagePermission.objects.filter(page=index, group__name="编辑").count() == 3


def test_health_check_reports_a_missing_index(home_page):
    assert hooks.health_checks() == ["还没有已发布的村情动态栏目页：停用后重新启用本应用即可自动创建。"]
    hooks.plugin_enabled(site=Site.objects.get(is_default_site=True))
    assert host.call_one("villagenews", "health_checks") == [("villagenews", [])]


def test_enabling_through_the_state_service_runs_plugin_enabled(
        home_page, set_plugin, django_capture_on_commit_callbacks):
    host.recent_errors.pop("villagenews", None)
    with django_capture_on_commit_callbacks(execute=True):
        set_plugin("villagenews", True)
    with django_capture_on_commit_callbacks(execute=True):
        set_plugin("villagenews", True)
    assert VillageNewsIndexPage.objects.count() == 1
    assert "villagenews" not in host.recent_errors


@pytest.fixture
def site_grids(db):
    """The deployment's real grid tree (site/grids.csv), which the demo targets."""
    from core.grids.importer import import_grids_csv

    import_grids_csv(settings.SITE_DIR / "grids.csv")


def test_load_demo_content_is_idempotent(home_page, site_grids):
    site = Site.objects.get(is_default_site=True)
    hooks.load_demo_content(site=site)
    counts = (VillageNewsIndexPage.objects.count(), VillageNewsPage.objects.count(),
              VillageNewsPage.objects.live().count())
    assert counts == (1, 6, 6)
    edited = VillageNewsPage.objects.get(slug="city-grid-visit-month")
    edited.title = "编辑改过的标题"
    edited.save_revision().publish()
    hooks.load_demo_content(site=site)
    assert (VillageNewsIndexPage.objects.count(), VillageNewsPage.objects.count(),
            VillageNewsPage.objects.live().count()) == counts
    assert VillageNewsPage.objects.get(slug="city-grid-visit-month").title == "编辑改过的标题"


def test_demo_news_reach_the_right_residents(home_page, site_grids):
    from core.grids.models import Grid
    from plugins.villagenews.services import news_visible_to

    hooks.load_demo_content(site=Site.objects.get(is_default_site=True))
    dongzha_home = Grid.objects.get(code="330402005001001001")  # a 东栅社区 micro-grid
    titles = [news.title for news in news_visible_to(dongzha_home)]
    assert titles[0] == "全市开展“网格连心、组团服务”走访月活动"  # newest
    assert any("桶边督导" in t for t in titles) and any("烟感" in t for t in titles)
    assert not any("庆丰村" in t or "星火村" in t for t in titles)
    qingfeng = Grid.objects.get(code="330411101201")
    assert any("村晚" in news.title for news in news_visible_to(qingfeng))
    news = VillageNewsPage.objects.get(slug="dongzha-waste-sorting-supervision")
    assert set(news.tag_names) == {"垃圾分类", "志愿服务"}
    assert news.first_published_at is not None and "督导" in news.search_text().split()


def test_demo_skips_news_for_grids_this_deployment_lacks(home_page, grid_tree):
    hooks.load_demo_content(site=Site.objects.get(is_default_site=True))
    # The test tree has none of the demo's grid codes: only whole-site news is created.
    assert list(VillageNewsPage.objects.values_list("slug", flat=True)) == [
        "city-grid-visit-month"]


def test_manifest_declares_its_page_models():
    from django.apps import apps

    manifest = host.manifest("villagenews")
    assert [apps.get_model(name) for name in manifest.page_models] == [
        VillageNewsIndexPage, VillageNewsPage]
