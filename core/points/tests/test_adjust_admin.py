"""人工调整 in the admin: scoped resident chooser, mandatory reason, audit log."""

from __future__ import annotations

import pytest
from wagtail.models import ModelLogEntry

from core.points.models import EntryKind, PointEntry
from core.points.services import ACTION_ADJUSTED, balance_of


@pytest.fixture
def head(make_user, grid_tree):
    """A 网格长 of 东栅第一网格: may adjust (a plain grid worker may not)."""
    return make_user("grid_head", grid=grid_tree["grid1"], scope=grid_tree["grid1"],
                     name="吴建明")


def test_adjust_writes_an_entry_and_an_audit_line(client, head, neighbour, admin_user):
    client.force_login(head)
    page = client.get("/admin/points/adjust/").content.decode()
    assert "人工调整" in page and "/admin/points/residents/" in page  # the chooser
    response = client.post("/admin/points/adjust/", {
        "resident": neighbour.pk, "amount": "12", "reason": "参加垃圾分类督导志愿服务"})
    assert response.status_code == 302
    entry = PointEntry.objects.get()
    assert (entry.kind, entry.amount, entry.reason, entry.actor) == (
        EntryKind.ADJUST, 12, "参加垃圾分类督导志愿服务", head)
    assert balance_of(neighbour) == (12, 12)
    log = ModelLogEntry.objects.get(action=ACTION_ADJUSTED)
    assert log.user_id == head.pk and log.data["reason"] == "参加垃圾分类督导志愿服务"
    # Visible in Wagtail's site history, to the adjuster and to administrators.
    for user in (head, admin_user):
        client.force_login(user)
        history = client.get("/admin/reports/site-history/")
        assert history.status_code == 200
        assert "积分人工调整" in history.content.decode()


def test_deduction_never_below_zero_and_is_reported(client, head, neighbour):
    client.force_login(head)
    client.post("/admin/points/adjust/", {"resident": neighbour.pk, "amount": "5",
                                          "reason": "参加居民议事会"})
    response = client.post("/admin/points/adjust/", {
        "resident": neighbour.pk, "amount": "-8", "reason": "楼道堆放杂物"}, follow=True)
    assert "调整 -5 分，当前余额 0 分" in response.content.decode()
    assert balance_of(neighbour) == (0, 0)


@pytest.mark.parametrize("data, message", [
    ({"amount": "5", "reason": "议事会"}, "请选择居民。"),
    ({"amount": "", "reason": "议事会"}, "请填写调整分值。"),
    ({"amount": "0", "reason": "议事会"}, "调整分值不能为 0。"),
    ({"amount": "abc", "reason": "议事会"}, "调整分值必须是整数。"),
    ({"amount": "20000", "reason": "议事会"}, "单次增加不能超过 10000 分。"),
    ({"amount": "5", "reason": "   "}, "人工调整必须填写事由。"),
])
def test_bad_input_gets_a_chinese_message_and_writes_nothing(client, head, neighbour, data,
                                                             message):
    client.force_login(head)
    if "请选择居民" not in message:
        data = {**data, "resident": neighbour.pk}
    response = client.post("/admin/points/adjust/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PointEntry.objects.exists()


def test_residents_outside_the_scope_cannot_be_chosen_or_adjusted(client, head, far_resident,
                                                                  neighbour):
    client.force_login(head)
    response = client.post("/admin/points/adjust/", {
        "resident": far_resident.pk, "amount": "5", "reason": "议事会"})
    assert "该居民不存在或不在您的管辖范围内。" in response.content.decode()
    assert not PointEntry.objects.exists()
    chooser = client.get("/admin/points/residents/").json()["html"]
    assert "张秀英" in chooser and "赵远方" not in chooser
    found = client.get("/admin/points/residents/results/?q=张秀").content.decode()
    assert "张秀英" in found
    assert client.get(f"/admin/points/residents/chosen/{neighbour.pk}/").status_code == 200
    assert client.get(f"/admin/points/residents/chosen/{far_resident.pk}/").status_code == 404


def test_staff_cannot_adjust_themselves(client, head):
    client.force_login(head)
    response = client.post("/admin/points/adjust/", {
        "resident": head.pk, "amount": "100", "reason": "自己加分"})
    assert "不能调整本人的积分。" in response.content.decode()
    assert not PointEntry.objects.exists()


def test_grid_workers_may_not_adjust(client, grid_worker, neighbour):
    client.force_login(grid_worker)
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    assert client.get("/admin/points/adjust/").status_code in (302, 403)
    assert client.post("/admin/points/adjust/", {
        "resident": neighbour.pk, "amount": "5", "reason": "x"}).status_code in (302, 403)
    assert client.get("/admin/points/residents/").status_code in (302, 403)
    assert not PointEntry.objects.exists()
