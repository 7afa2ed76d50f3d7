"""Editors limited to their region, scheduled publishing and moderation for notices."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import GroupPagePermission, WorkflowState
from wagtail.test.utils.form_data import rich_text

from core.identity.roles import GROUP_NAMES
from core.portal.models import NoticePage, notices_visible_to

pytestmark = pytest.mark.django_db


def _add_url(notice_index) -> str:
    return f"/admin/pages/add/portal/noticepage/{notice_index.pk}/"


def _post_data(title: str, grid, action: str = "action-publish") -> dict:
    return {"title": title, "slug": f"notice-{abs(hash(title)) % 10**8}", "target_grid": grid.pk if grid else "",
            "summary": "", "body": rich_text("<p>请各位居民相互转告。</p>"), action: "1"}


def test_editor_can_publish_inside_region(client, editor, grid_tree, notice_index):
    client.force_login(editor)
    response = client.post(_add_url(notice_index), _post_data("东栅社区消防演练通知",
                                                               grid_tree["dongzha"]))
    assert response.status_code == 302
    notice = NoticePage.objects.get(title="东栅社区消防演练通知")
    assert notice.live and notice.target_grid == grid_tree["dongzha"]


def test_editor_cannot_target_another_county(client, editor, grid_tree, notice_index):
    client.force_login(editor)
    response = client.post(_add_url(notice_index), _post_data("秀洲区停水通知",
                                                               grid_tree["xiuzhou"]))
    assert response.status_code == 200
    assert "所选网格不在您负责的“南湖区”范围内。" in response.content.decode()
    assert not NoticePage.objects.filter(title="秀洲区停水通知").exists()


def test_scoped_editor_must_choose_a_target(client, editor, notice_index):
    client.force_login(editor)
    response = client.post(_add_url(notice_index), _post_data("全市通知", None))
    assert "您只能向“南湖区”及其下级发布通知，请选择发布范围。" in response.content.decode()


def test_editor_without_page_permission_cannot_add(client, make_user, grid_tree, notice_index):
    outsider = make_user("editor", scope=grid_tree["xiuzhou"], name="赵编辑")
    client.force_login(outsider)
    response = client.post(_add_url(notice_index), _post_data("越权通知", grid_tree["xiuzhou"]))
    assert response.status_code in (302, 403)
    assert not NoticePage.objects.filter(title="越权通知").exists()


def test_scheduled_notice_goes_live_only_when_publish_scheduled_runs(
        client, resident, grid_tree, notice_index):
    notice = NoticePage(title="春节慰问活动安排", slug="spring-visit", live=False,
                        target_grid=grid_tree["dongzha"], body="<p>腊月廿八上门慰问。</p>")
    notice_index.add_child(instance=notice)
    notice.go_live_at = timezone.now() + timedelta(hours=2)
    revision = notice.save_revision()
    revision.publish()
    notice.refresh_from_db()
    assert not notice.live
    assert notice not in notices_visible_to(resident.home_grid)

    call_command("publish_scheduled")
    notice.refresh_from_db()
    assert not notice.live  # not yet due

    later = timezone.now() + timedelta(hours=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")  # the cron job, three hours on
    notice.refresh_from_db()
    assert notice.live
    assert notice in notices_visible_to(resident.home_grid)
    client.force_login(resident)
    assert client.get(notice.url).status_code == 200


def test_submit_for_moderation_then_approve(client, editor, admin_user, grid_tree,
                                           notice_index):
    client.force_login(editor)
    response = client.post(_add_url(notice_index), _post_data(
        "南湖区垃圾分类宣传周", grid_tree["nanhu"], action="action-submit"))
    assert response.status_code == 302
    notice = NoticePage.objects.get(title="南湖区垃圾分类宣传周")
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(notice.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not notice.live

    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, admin_user, "approve")
    notice.refresh_from_db()
    state.refresh_from_db()
    assert notice.live
    assert state.status == WorkflowState.STATUS_APPROVED


def test_plugin_index_pages_can_be_added_under_the_home(home_page, set_plugin, admin_user):
    """A plugin's manifest page_models whose parent is the home become creatable there."""
    from django.apps import apps

    from core.plugins.host import host
    from core.portal.models import HomePage, NoticeIndexPage

    declared = [apps.get_model(label) for m in host.manifests.values() for label in m.page_models]
    under_home = [model for model in declared
                  if HomePage in model.allowed_parent_page_models()]
    allowed = HomePage.allowed_subpage_models()
    assert NoticeIndexPage in allowed
    assert under_home and all(model in allowed for model in under_home)
    # Pages that belong deeper (an article under its index) are not offered here.
    assert all(model in under_home for model in allowed if model is not NoticeIndexPage)
    # And while the plugin is enabled an administrator may create one there.
    for model in under_home:
        set_plugin(model._meta.app_label, True)
        assert model.can_create_at(home_page)


@pytest.mark.parametrize("action", ["delete", "unpublish", "copy"])
def test_editor_cannot_act_on_another_regions_notice(client, editor, make_user, grid_tree,
                                                     notice_index, publish_notice, action):
    """Page permissions cover the whole section; the grid rule still holds."""
    group = Group.objects.get(name=GROUP_NAMES["editor"])
    for codename in ("delete_page",):  # unpublishing needs publish_page, already held
        GroupPagePermission.objects.get_or_create(
            group=group, page=notice_index,
            permission=Permission.objects.get(content_type__app_label="wagtailcore",
                                              codename=codename),
        )
    other = publish_notice("秀洲区停电通知", grid_tree["xiuzhou"])
    own = publish_notice("南湖区停电通知", grid_tree["nanhu"])
    client.force_login(editor)
    response = client.post(f"/admin/pages/{other.pk}/{action}/", follow=True)
    assert "“秀洲区停电通知”的发布范围不在您负责的区域内，不能执行此操作。" in (
        response.content.decode())
    other.refresh_from_db()
    assert other.live and NoticePage.objects.filter(pk=other.pk).exists()
    if action != "copy":  # inside the region the same action goes through
        client.post(f"/admin/pages/{own.pk}/{action}/")
        assert not NoticePage.objects.filter(pk=own.pk, live=True).exists()


def test_editor_cannot_edit_another_regions_notice(client, editor, grid_tree, publish_notice):
    other = publish_notice("秀洲区停电通知", grid_tree["xiuzhou"])
    client.force_login(editor)
    data = _post_data("改过的标题", grid_tree["nanhu"], action="action-publish")
    response = client.post(f"/admin/pages/{other.pk}/edit/", data)
    assert "这条通知的发布范围不在您负责的区域内，您不能修改。" in response.content.decode()
    other.refresh_from_db()
    assert other.title == "秀洲区停电通知"
