"""Editors publish 村情动态 in the admin, only inside the region they answer for."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from plugins.villagenews.forms import VillageNewsPageForm
from plugins.villagenews.models import VillageNewsIndexPage, VillageNewsPage

pytestmark = pytest.mark.django_db


def _add_url(news_index) -> str:
    return f"/admin/pages/add/villagenews/villagenewspage/{news_index.pk}/"


def _post_data(title: str, grid, action: str = "action-publish", slug: str = "") -> dict:
    return nested_form_data({
        "title": title, "slug": slug or f"news-{abs(hash(title)) % 10**8}",
        "date": "2025-11-20", "target_grid": grid.pk if grid else "", "tags": "志愿服务",
        "summary": "", "cover": "",
        "body": streamfield([("paragraph", rich_text("<p>欢迎居民踊跃参加。</p>"))]),
        action: "1",
    })


def test_editor_can_publish_inside_region(client, enabled, editor, grid_tree, news_index):
    client.force_login(editor)
    response = client.post(_add_url(news_index), _post_data("东栅社区开展消防演练",
                                                            grid_tree["dongzha"]))
    assert response.status_code == 302
    news = VillageNewsPage.objects.get(title="东栅社区开展消防演练")
    assert news.live and news.target_grid == grid_tree["dongzha"]
    assert news.tag_names == ["志愿服务"]


def test_add_form_renders_for_editor(client, enabled, editor, grid_tree, news_index):
    client.force_login(editor)
    response = client.get(_add_url(news_index))
    assert response.status_code == 200
    form = response.content.decode()
    assert "东栅社区" in form and "王店镇" not in form


def test_editor_cannot_target_another_county(client, enabled, editor, grid_tree, news_index):
    client.force_login(editor)
    response = client.post(_add_url(news_index), _post_data("秀洲区停水", grid_tree["xiuzhou"]))
    assert response.status_code == 200
    assert "所选网格不在您负责的“南湖区”范围内。" in response.content.decode()
    assert not VillageNewsPage.objects.filter(title="秀洲区停水").exists()


def test_scoped_editor_must_choose_a_target(client, enabled, editor, news_index):
    client.force_login(editor)
    response = client.post(_add_url(news_index), _post_data("全市动态", None))
    assert response.status_code == 200
    assert "您只能向“南湖区”及其下级发布村情动态，请选择发布范围。" in response.content.decode()
    assert not VillageNewsPage.objects.filter(title="全市动态").exists()


def test_editor_sees_only_grids_of_own_region(enabled, editor, grid_tree):
    form_class = VillageNewsPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, VillageNewsPageForm)
    form = form_class(instance=VillageNewsPage(), for_user=editor)
    offered = set(form.fields["target_grid"].queryset)
    assert grid_tree["dongzha"] in offered and grid_tree["nanhu"] in offered
    assert grid_tree["xiuzhou"] not in offered and grid_tree["city"] not in offered


def test_out_of_scope_grid_is_refused_by_the_form_itself(enabled, editor, grid_tree):
    """The backstop in clean_target_grid, for a form whose choices were not narrowed."""
    form_class = VillageNewsPage.get_edit_handler().get_form_class()
    form = form_class(instance=VillageNewsPage(), for_user=editor)
    form.cleaned_data = {"target_grid": grid_tree["wangdian"]}
    with pytest.raises(ValidationError) as error:
        form.clean_target_grid()
    assert "“王店镇”不在您负责的“南湖区”范围内。" in str(error.value)


def test_editor_cannot_edit_another_regions_news(client, enabled, editor, grid_tree,
                                                 publish_news):
    news = publish_news("王店镇文化礼堂活动", grid_tree["wangdian"])
    client.force_login(editor)
    response = client.post(f"/admin/pages/{news.pk}/edit/",
                           _post_data("改到南湖区", grid_tree["nanhu"], slug=news.slug))
    assert response.status_code == 200
    assert "这条村情动态的发布范围不在您负责的区域内，您不能修改。" in response.content.decode()
    news.refresh_from_db()
    assert news.title == "王店镇文化礼堂活动" and news.target_grid == grid_tree["wangdian"]


def test_staff_without_a_scope_cannot_publish(client, enabled, make_user, news_index):
    unscoped = make_user("editor", name="无范围编辑")
    client.force_login(unscoped)
    response = client.post(_add_url(news_index), _post_data("无范围动态", None))
    assert "您还没有负责的区域，不能发布村情动态，请联系管理员。" in response.content.decode()
    assert not VillageNewsPage.objects.filter(title="无范围动态").exists()


def test_superuser_may_publish_to_the_whole_site(client, enabled, admin_user, news_index):
    client.force_login(admin_user)
    response = client.post(_add_url(news_index), _post_data("全市网格走访月", None))
    assert response.status_code == 302
    assert VillageNewsPage.objects.get(title="全市网格走访月").target_grid is None


def test_page_types_not_creatable_while_disabled(set_plugin, news_index, home_page):
    set_plugin("villagenews", True)
    assert VillageNewsPage.can_create_at(news_index)
    set_plugin("villagenews", False)
    assert not VillageNewsPage.can_create_at(news_index)
    assert not VillageNewsIndexPage.can_create_at(home_page)


def test_page_tree_rules(home_page):
    assert VillageNewsIndexPage.parent_page_types == ["portal.HomePage"]
    assert VillageNewsIndexPage.max_count_per_parent == 1
    assert VillageNewsPage.allowed_parent_page_models() == [VillageNewsIndexPage]
    assert VillageNewsPage.allowed_subpage_models() == []
