"""网格管理 in the Wagtail admin: every view is scoped, not just the listing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.grids.models import Grid

pytestmark = pytest.mark.django_db


@pytest.fixture
def county_staff(make_user, grid_tree):
    """An administrator-role user answering for 南湖区 (add/change/delete/view grids)."""
    return make_user("administrator", scope=grid_tree["nanhu"], name="南湖区管理员")


def url(name: str, *args) -> str:
    return reverse(f"grid:{name}", args=args)


def test_listing_excludes_out_of_scope(client, county_staff, grid_tree):
    client.force_login(county_staff)
    response = client.get(url("index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "东栅社区" in body and "新兴第一网格" in body
    assert "王店镇" not in body and "秀洲区" not in body


def test_listing_shows_parent_chain(client, admin_user, grid_tree):
    client.force_login(admin_user)
    body = client.get(url("index"), {"code": grid_tree["micro"].code}).content.decode()
    assert "嘉兴市 › 南湖区 › 新嘉街道 › 东栅社区 › 东栅第一网格" in body
    body = client.get(url("index")).content.decode()
    assert "添加下级" in body and "导出 CSV（可再导入）" in body


@pytest.mark.parametrize("view", ["edit", "delete", "inspect", "history", "usage"])
def test_out_of_scope_object_views_are_404(client, county_staff, grid_tree, view):
    client.force_login(county_staff)
    outside = grid_tree["wangdian"]
    assert client.get(url(view, outside.pk)).status_code == 404
    inside = grid_tree["micro"]
    assert client.get(url(view, inside.pk)).status_code == 200


def test_out_of_scope_post_edit_and_delete_change_nothing(client, county_staff, grid_tree):
    client.force_login(county_staff)
    outside = grid_tree["wangdian"]
    response = client.post(url("edit", outside.pk), {
        "name": "被篡改", "code": outside.code, "organisation_kind": "", "organisation": "",
        "head_name": "", "head_phone": "",
    })
    assert response.status_code == 404
    assert client.post(url("delete", outside.pk)).status_code == 404
    outside.refresh_from_db()
    assert outside.name == "王店镇"


def test_grid_worker_can_view_own_grid_only(client, grid_worker, grid_tree):
    client.force_login(grid_worker)
    body = client.get(url("index")).content.decode()
    assert "东栅第一网格" in body and "东栅社区工作站" not in body
    assert client.get(url("inspect", grid_tree["dongzha"].pk)).status_code == 404
    # view-only role: editing is refused even inside the scope
    assert client.get(url("edit", grid_tree["grid1"].pk)).status_code in (302, 403)


def test_staff_without_scope_sees_nothing(client, make_user, grid_tree):
    staff = make_user("administrator")
    client.force_login(staff)
    body = client.get(url("index")).content.decode()
    assert "东栅社区" not in body and "嘉兴市" not in body
    assert client.get(url("edit", grid_tree["city"].pk)).status_code == 404


def test_superuser_sees_all(client, admin_user, grid_tree):
    client.force_login(admin_user)
    body = client.get(url("index")).content.decode()
    assert "王店镇" in body and "东栅社区" in body
    assert client.get(url("edit", grid_tree["wangdian"].pk)).status_code == 200


def test_filters_and_search(client, admin_user, grid_tree):
    client.force_login(admin_user)
    body = client.get(url("index"), {"level": "town"}).content.decode()
    assert "王店镇" in body and "东栅社区" not in body
    body = client.get(url("index"), {"q": "330411"}).content.decode()
    assert "王店镇" in body and "东栅社区" not in body
    body = client.get(url("index"), {"head_name": "王丽"}).content.decode()
    assert "东栅第一网格" in body and "王店镇" not in body


def _new_node(parent_code: str, **extra) -> dict:
    data = {
        "parent": parent_code, "level": "grid", "name": "东栅第二网格",
        "code": "330402004001002", "organisation_kind": "grid_team",
        "organisation": "东栅社区第二网格团队", "head_name": "李建国",
        "head_phone": "13805730002",
    }
    data.update(extra)
    return data


def test_create_child_uses_treebeard(client, county_staff, grid_tree):
    client.force_login(county_staff)
    dongzha = grid_tree["dongzha"]
    form_page = client.get(url("add"), {"parent": dongzha.code}).content.decode()
    assert dongzha.code in form_page
    response = client.post(url("add"), _new_node(dongzha.code))
    assert response.status_code == 302, response.content.decode()[:2000]
    node = Grid.objects.get(code="330402004001002")
    assert node.get_parent() == dongzha
    dongzha.refresh_from_db()
    assert dongzha.numchild == 2
    assert all(not problems for problems in Grid.find_problems())


def test_create_under_out_of_scope_parent_is_refused(client, county_staff, grid_tree):
    client.force_login(county_staff)
    data = _new_node(grid_tree["wangdian"].code, level="community", code="330411101001")
    response = client.post(url("add"), data)
    assert response.status_code == 200
    assert "不在您的管辖范围内" in response.content.decode()
    assert not Grid.objects.filter(code="330411101001").exists()


def test_create_validates_level_and_code(client, county_staff, grid_tree):
    client.force_login(county_staff)
    response = client.post(url("add"), _new_node(grid_tree["dongzha"].code, level="microgrid"))
    assert "的下级应为网格" in response.content.decode()
    response = client.post(url("add"), _new_node(grid_tree["dongzha"].code, code="3304020040"))
    assert "区划代码应为15位数字" in response.content.decode()
    response = client.post(url("add"), _new_node(grid_tree["dongzha"].code,
                                                 code="330402004002009"))
    assert "应以上级代码的前12位" in response.content.decode()
    assert Grid.objects.count() == len(grid_tree)


def test_only_superuser_creates_roots(client, county_staff, admin_user, grid_tree):
    data = _new_node("", level="city", name="湖州市", code="330500000000")
    client.force_login(county_staff)
    response = client.post(url("add"), data)
    assert "只有系统管理员可以新建顶级节点" in response.content.decode()
    client.force_login(admin_user)
    assert client.post(url("add"), data).status_code == 302
    assert Grid.objects.get(code="330500000000").is_root()
    assert all(not problems for problems in Grid.find_problems())


def test_delete_refused_with_children_or_residents(client, county_staff, make_user, grid_tree):
    client.force_login(county_staff)
    response = client.post(url("delete", grid_tree["dongzha"].pk), follow=True)
    assert "下级节点" in response.content.decode()
    micro = grid_tree["micro"]
    make_user("resident", grid=micro)
    response = client.post(url("delete", micro.pk), follow=True)
    assert "不能删除" in response.content.decode()
    assert Grid.objects.filter(pk=micro.pk).exists()


def test_delete_leaf_keeps_tree_consistent(client, county_staff, grid_tree):
    client.force_login(county_staff)
    response = client.post(url("delete", grid_tree["micro"].pk))
    assert response.status_code == 302
    assert not Grid.objects.filter(pk=grid_tree["micro"].pk).exists()
    assert Grid.objects.get(pk=grid_tree["grid1"].pk).numchild == 0
    assert all(not problems for problems in Grid.find_problems())


def test_export_downloads_own_subtree_only(client, county_staff, grid_tree):
    client.force_login(county_staff)
    response = client.get(url("export"))
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("code,parent_code,level")
    assert lines[1].startswith("330402000000,330400000000,county,南湖区")
    assert "王店镇" not in body and "嘉兴市" not in body
    assert len(lines) == 1 + 7  # 南湖区 and its six descendants


def test_export_refused_without_grid_permission(client, resident, grid_tree):
    client.force_login(resident)
    assert client.get(url("export")).status_code in (302, 403)
