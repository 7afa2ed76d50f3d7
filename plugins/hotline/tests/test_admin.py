"""热线号码 in the Wagtail admin: permissions, grid scoping, Chinese validation errors."""

from __future__ import annotations

import pytest

from plugins.hotline.models import HotlineEntry

pytestmark = pytest.mark.django_db

INDEX = "/admin/hotline_entries/"
ADD = "/admin/hotline_entries/new/"


def _form(**overrides) -> dict:
    data = {"category": "community", "name": "东栅社区警务室", "number": "0573-82006110",
            "description": "", "hours": "24小时", "sort_order": "220", "grid": ""}
    data.update(overrides)
    return data


def test_editor_lists_only_numbers_of_their_subtree(client, editor, entries, set_plugin):
    set_plugin("hotline", True)
    client.force_login(editor)
    page = client.get(INDEX).content.decode()
    assert "东栅社区工作站" in page
    assert "新兴社区工作站" not in page
    assert "报警" not in page  # city-wide rows are the superusers'
    assert client.get(f"{INDEX}edit/{entries['xinxing'].pk}/").status_code == 404
    assert client.get(f"{INDEX}edit/{entries['110'].pk}/").status_code == 404
    assert client.post(f"{INDEX}delete/{entries['xinxing'].pk}/").status_code == 404
    assert HotlineEntry.objects.filter(pk=entries["xinxing"].pk).exists()


def test_editor_adds_a_number_for_their_community(client, editor, grid_tree, set_plugin):
    set_plugin("hotline", True)
    client.force_login(editor)
    response = client.post(ADD, _form(grid=grid_tree["dongzha"].pk))
    assert response.status_code == 302
    entry = HotlineEntry.objects.get(name="东栅社区警务室")
    assert entry.grid == grid_tree["dongzha"] and entry.tel_link == "tel:057382006110"


def test_editor_must_pick_a_grid_inside_their_scope(client, editor, grid_tree, set_plugin):
    set_plugin("hotline", True)
    client.force_login(editor)
    page = client.post(ADD, _form()).content.decode()
    assert "请选择适用网格" in page
    page = client.post(ADD, _form(grid=grid_tree["xinxing"].pk)).content.decode()
    assert "选择一个有效的选项" in page  # outside the subtree: not among the choices
    assert not HotlineEntry.objects.exists()


@pytest.mark.parametrize("number", ["12", "0573 8200", "-110", "110-", "96345a", "1" * 21])
def test_bad_numbers_are_refused_in_chinese(number, client, admin_user, set_plugin):
    set_plugin("hotline", True)
    client.force_login(admin_user)
    page = client.post(ADD, _form(number=number)).content.decode()
    assert "电话号码只能由数字和连字符" in page or "不超过 20 字符" in page
    assert not HotlineEntry.objects.exists()


def test_superuser_adds_a_city_wide_number(client, admin_user, set_plugin):
    set_plugin("hotline", True)
    client.force_login(admin_user)
    assert client.post(ADD, _form(category="service", name="市民卡服务", number="96225")
                       ).status_code == 302
    assert HotlineEntry.objects.get(name="市民卡服务").grid is None
    assert "市民卡服务" in client.get(INDEX).content.decode()


def test_grid_worker_without_permission_is_refused(client, grid_worker, entries, set_plugin):
    set_plugin("hotline", True)
    client.force_login(grid_worker)
    assert client.get(INDEX).status_code in (302, 403)
    assert client.post(ADD, _form(grid=grid_worker.scope_grid.pk)).status_code in (302, 403)
    assert not HotlineEntry.objects.filter(name="东栅社区警务室").exists()


def test_admin_views_404_and_menu_hidden_when_disabled(client, admin_user, set_plugin):
    set_plugin("hotline", False)
    client.force_login(admin_user)
    assert client.get(INDEX).status_code == 404
    assert INDEX not in client.get("/admin/").content.decode()
    set_plugin("hotline", True)
    assert client.get(INDEX).status_code == 200
    assert INDEX in client.get("/admin/").content.decode()


def test_admin_list_query_count_is_constant(client, admin_user, entries, grid_tree, set_plugin,
                                            django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    set_plugin("hotline", True)
    client.force_login(admin_user)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    HotlineEntry.objects.bulk_create(
        HotlineEntry(name=f"测试{n}", number=f"1000{n}", grid=grid_tree["grid1"])
        for n in range(30)
    )
    with django_assert_max_num_queries(len(few)):
        assert client.get(INDEX).status_code == 200
