"""积分规则设置: administrators override declared rules, scoped, audit-logged."""

from __future__ import annotations

import pytest
from wagtail.models import ModelLogEntry, Site

from core.points.models import RuleSetting
from core.points.rules import effective_rule


@pytest.fixture
def town_admin(make_user, grid_tree):
    """An administrator (role) answering for 新嘉街道 only, not a superuser."""
    return make_user("administrator", grid=grid_tree["micro"], scope=grid_tree["town"],
                     name="沈国平")


def form(**fields):
    data = {"rule_code": "deeds.help", "grid": "", "points": "6", "daily_cap": "12",
            "monthly_cap": "", "active": "on"}
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def test_superuser_creates_and_edits_a_sitewide_setting_with_history(client, admin_user,
                                                                     deeds_plugin):
    client.force_login(admin_user)
    page = client.get("/admin/points/rules/new/").content.decode()
    assert "邻里互助（deeds.help）" in page
    response = client.post("/admin/points/rules/new/", form())
    assert response.status_code == 302, response.content.decode()[:3000]
    setting = RuleSetting.objects.get()
    assert (setting.points, setting.daily_cap, setting.grid, setting.site.is_default_site) == (
        6, 12, None, True)
    site = Site.objects.get(is_default_site=True)
    assert effective_rule("deeds.help", site_id=site.pk, grid=None).points == 6
    client.post(f"/admin/points/rules/edit/{setting.pk}/", form(points="7"))
    setting.refresh_from_db()
    assert setting.points == 7
    actions = list(ModelLogEntry.objects.filter(object_id=str(setting.pk)).order_by(
        "timestamp").values_list("action", "user_id"))
    assert actions == [("wagtail.create", admin_user.pk), ("wagtail.edit", admin_user.pk)]
    history = client.get(f"/admin/points/rules/history/{setting.pk}/")
    assert history.status_code == 200
    listing = client.get("/admin/points/rules/").content.decode()
    assert "邻里互助" in listing and "全站" in listing


@pytest.mark.parametrize("fields, message", [
    ({"points": "-3"}, "“邻里互助”是奖励规则，分值的正负应与之一致。"),
    ({"points": "0"}, "分值不能为 0"),
    ({"daily_cap": "40", "monthly_cap": "30"}, "每日上限不能大于每月上限。"),
    ({"rule_code": "deeds.nothing"}, "该积分规则不存在或其应用未安装。"),
    ({"daily_cap": "0"}, ""),
])
def test_bad_settings_are_refused_in_chinese(client, admin_user, deeds_plugin, fields, message):
    client.force_login(admin_user)
    response = client.post("/admin/points/rules/new/", form(**fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RuleSetting.objects.exists()


def test_duplicate_scope_is_refused(client, admin_user, deeds_plugin, grid_tree):
    client.force_login(admin_user)
    client.post("/admin/points/rules/new/", form())
    response = client.post("/admin/points/rules/new/", form(points="9"))
    assert "该规则在此范围已有设置，请直接修改原设置。" in response.content.decode()
    response = client.post("/admin/points/rules/new/", form(grid=grid_tree["dongzha"].pk))
    assert response.status_code == 302
    assert RuleSetting.objects.count() == 2


def test_scoped_administrator_works_within_the_subtree(client, town_admin, deeds_plugin,
                                                       grid_tree):
    site = Site.objects.get(is_default_site=True)
    outside = RuleSetting.objects.create(site=site, rule_code="deeds.help", points=9,
                                         grid=grid_tree["xiuzhou"])
    sitewide = RuleSetting.objects.create(site=site, rule_code="deeds.litter", points=-5)
    client.force_login(town_admin)
    listing = client.get("/admin/points/rules/").content.decode()
    assert f"/admin/points/rules/edit/{outside.pk}/" not in listing
    assert f"/admin/points/rules/edit/{sitewide.pk}/" not in listing
    for setting in (outside, sitewide):
        assert client.get(f"/admin/points/rules/edit/{setting.pk}/").status_code == 404
        assert client.post(f"/admin/points/rules/delete/{setting.pk}/").status_code == 404
    response = client.post("/admin/points/rules/new/", form())  # no grid: site-wide
    assert "请选择适用网格；全站设置仅系统管理员可以修改。" in response.content.decode()
    response = client.post("/admin/points/rules/new/", form(grid=grid_tree["xiuzhou"].pk))
    assert response.status_code == 200  # not a choice in this scope
    response = client.post("/admin/points/rules/new/", form(grid=grid_tree["dongzha"].pk))
    assert response.status_code == 302
    mine = RuleSetting.objects.get(grid=grid_tree["dongzha"])
    assert effective_rule("deeds.help", site_id=site.pk, grid=grid_tree["micro"]).points == 6
    assert client.post(f"/admin/points/rules/delete/{mine.pk}/").status_code == 302
    assert ModelLogEntry.objects.filter(action="wagtail.delete").exists()
    assert RuleSetting.objects.count() == 2


def test_grid_workers_cannot_set_rules(client, grid_worker):
    client.force_login(grid_worker)
    assert client.get("/admin/points/rules/").status_code in (302, 403)
    assert client.post("/admin/points/rules/new/", form()).status_code in (302, 403)
    assert not RuleSetting.objects.exists()
