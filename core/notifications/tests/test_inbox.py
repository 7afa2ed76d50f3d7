"""The inbox: each user sees, opens and marks read only their own messages."""

from __future__ import annotations

import pytest

from core.notifications.models import Notification
from core.notifications.services import notify, unread_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def other(make_user, grid_tree):
    return make_user("resident", grid=grid_tree["xgrid"], name="李大爷")


@pytest.fixture
def inbox(resident, other):
    mine = [
        notify(resident, "您的实名认证已通过", "网格员王丽娟已审核通过您的实名认证。", url="/me/",
               source="identity"),
        notify(resident, "积分到账提醒", "参加河道清理志愿活动，获得 20 积分。", source="points"),
    ]
    theirs = notify(other, "调解预约成功", "请于周三上午九点到社区调解室。", source="dispute")
    return {"mine": mine, "theirs": theirs}


def test_inbox_lists_own_messages_unread_bold(client, resident, inbox):
    client.force_login(resident)
    page = client.get("/inbox/").content.decode()
    assert "您的实名认证已通过" in page and "积分到账提醒" in page
    assert "调解预约成功" not in page
    assert page.count("is-unread") == 2
    assert 'data-testid="unread-count">2<' in page


def test_inbox_requires_login(client, inbox):
    response = client.get("/inbox/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_opening_a_message_marks_it_read(client, resident, inbox):
    client.force_login(resident)
    message = inbox["mine"][0]
    page = client.get(f"/inbox/{message.pk}/").content.decode()
    assert "网格员王丽娟已审核通过您的实名认证。" in page and 'href="/me/"' in page
    message.refresh_from_db()
    assert message.is_read
    assert unread_count(resident) == 1
    assert client.get("/inbox/").content.decode().count("is-unread") == 1


def test_another_users_message_is_404(client, resident, inbox):
    client.force_login(resident)
    assert client.get(f"/inbox/{inbox['theirs'].pk}/").status_code == 404
    inbox["theirs"].refresh_from_db()
    assert not inbox["theirs"].is_read


def test_unsafe_link_is_not_shown(client, resident):
    message = notify(resident, "链接测试", "正文", url="javascript:alert(1)")
    client.force_login(resident)
    assert "javascript:" not in client.get(f"/inbox/{message.pk}/").content.decode()


def test_mark_all_read_is_post_only_and_own_only(client, resident, other, inbox):
    client.force_login(resident)
    assert client.get("/inbox/read-all/").status_code == 405
    response = client.post("/inbox/read-all/", follow=True)
    assert "已将 2 条消息标为已读。" in response.content.decode()
    assert unread_count(resident) == 0
    assert unread_count(other) == 1


def test_inbox_paginates(client, resident):
    for n in range(25):
        notify(resident, f"第{n}条社区提醒")
    client.force_login(resident)
    first = client.get("/inbox/").content.decode()
    assert first.count('data-testid="inbox-item"') == 20
    second = client.get("/inbox/", {"page": 2}).content.decode()
    assert second.count('data-testid="inbox-item"') == 5


def test_empty_inbox(client, resident):
    client.force_login(resident)
    assert 'data-testid="inbox-empty"' in client.get("/inbox/").content.decode()


def test_api_lists_own_messages_paginated(client, resident, inbox):
    client.force_login(resident)
    data = client.get("/api/notifications/").json()
    assert data["count"] == 2
    assert {m["title"] for m in data["results"]} == {"您的实名认证已通过", "积分到账提醒"}
    assert all(m["is_read"] is False for m in data["results"])


def test_api_requires_login(client, inbox):
    assert client.get("/api/notifications/").status_code in (401, 403)
    assert client.get("/api/notifications/unread-count/").status_code in (401, 403)


def test_api_mark_read_by_ids_ignores_others(client, resident, other, inbox):
    client.force_login(resident)
    ids = [inbox["mine"][0].pk, inbox["theirs"].pk]
    data = client.post("/api/notifications/read/", {"ids": ids},
                       content_type="application/json").json()
    assert data == {"marked": 1, "unread": 1}
    assert unread_count(other) == 1
    assert client.get("/api/notifications/unread-count/").json() == {"unread": 1}


def test_api_mark_all_read(client, resident, other, inbox):
    client.force_login(resident)
    response = client.post("/api/notifications/read/", {"all": True},
                           content_type="application/json")
    assert response.json() == {"marked": 2, "unread": 0}
    assert unread_count(other) == 1
    assert Notification.objects.filter(recipient=resident, read_at__isnull=True).count() == 0


def test_api_mark_read_needs_ids_or_all(client, resident, inbox):
    client.force_login(resident)
    response = client.post("/api/notifications/read/", {}, content_type="application/json")
    assert response.status_code == 400
    assert unread_count(resident) == 2
