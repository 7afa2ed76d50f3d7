"""The staff queue in the Wagtail admin: scoping, the reply flow, validation, guards."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.notifications.models import Notification
from plugins.mailbox import services
from plugins.mailbox.models import Letter, Reply, Status

pytestmark = pytest.mark.django_db

QUEUE = "/admin/mailbox/"


def test_queue_is_scoped_to_the_workers_subtree(client, grid_worker, letter, write,
                                                 xinxing_resident):
    outsider = write(xinxing_resident, "新兴社区的来信")
    client.force_login(grid_worker)
    page = client.get(QUEUE).content.decode()
    assert letter.subject in page and "张小红" in page
    assert outsider.subject not in page
    assert client.get(f"{QUEUE}{outsider.pk}/").status_code == 404


def test_worker_of_another_grid_sees_nothing_and_gets_404(client, xinxing_worker, letter):
    client.force_login(xinxing_worker)
    assert letter.subject not in client.get(QUEUE).content.decode()
    assert client.get(f"{QUEUE}{letter.pk}/").status_code == 404
    response = client.post(f"{QUEUE}{letter.pk}/", {"body": "越权答复"})
    assert response.status_code == 404
    letter.refresh_from_db()
    assert letter.status == Status.PENDING and not Reply.objects.exists()
    assert not Notification.objects.exists()


def test_cadre_of_the_community_sees_letters_of_all_its_grids(client, make_user, grid_tree,
                                                              letter):
    cadre = make_user("cadre", grid=grid_tree["micro"], scope=grid_tree["dongzha"])
    client.force_login(cadre)
    assert letter.subject in client.get(QUEUE).content.decode()


def test_filter_by_status(client, grid_worker, resident, write):
    write(resident, "待回复的来信")
    services.reply(write(resident, "已回复的来信"), grid_worker, "已处理。")
    client.force_login(grid_worker)
    page = client.get(QUEUE, {"status": "pending"}).content.decode()
    assert "待回复的来信" in page and "已回复的来信" not in page
    page = client.get(QUEUE, {"status": "replied"}).content.decode()
    assert "已回复的来信" in page and "待回复的来信" not in page


def test_reply_saves_changes_status_and_notifies_the_resident(client, grid_worker, resident,
                                                              letter):
    client.force_login(grid_worker)
    page = client.get(f"{QUEUE}{letter.pk}/").content.decode()
    assert letter.body in page and resident.mobile in page
    response = client.post(f"{QUEUE}{letter.pk}/", {"body": "已联系城管中队，周四前修复。"})
    assert response.status_code == 302 and response["Location"] == QUEUE
    letter.refresh_from_db()
    assert letter.status == Status.REPLIED and letter.replied_at is not None
    reply = Reply.objects.get(letter=letter)
    assert reply.author == grid_worker and reply.signature == "东栅第一网格 王丽娟"
    message = Notification.objects.get(recipient=resident)
    assert message.title == f"您的来信“{letter.subject}”有了回复"
    assert message.url == f"/mailbox/{letter.pk}/" and message.source == "mailbox"
    client.force_login(resident)
    assert "您的来信" in client.get("/inbox/").content.decode()


def test_reply_and_close(client, grid_worker, letter):
    client.force_login(grid_worker)
    client.post(f"{QUEUE}{letter.pk}/", {"body": "已修复，感谢反映。", "close": "on"})
    letter.refresh_from_db()
    assert letter.status == Status.CLOSED and letter.closed_at is not None
    page = client.post(f"{QUEUE}{letter.pk}/", {"body": "再补充一句。"}).content.decode()
    assert "该来信已关闭，不能再回复。" in page
    assert Reply.objects.filter(letter=letter).count() == 1


@pytest.mark.parametrize("body, message", [("", "必需字段"),
                                           ("好", "回复内容至少需要2个字。")])
def test_reply_validation_in_chinese(body, message, client, grid_worker, letter):
    client.force_login(grid_worker)
    page = client.post(f"{QUEUE}{letter.pk}/", {"body": body}).content.decode()
    assert message in page
    letter.refresh_from_db()
    assert letter.status == Status.PENDING and not Reply.objects.exists()


def test_nothing_half_saved_when_notifying_fails(grid_worker, letter, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("inbox down")

    monkeypatch.setattr(services, "notify", broken)
    with pytest.raises(RuntimeError):
        services.reply(letter, grid_worker, "已联系城管中队。")
    letter.refresh_from_db()
    assert letter.status == Status.PENDING and letter.replied_at is None
    assert not Reply.objects.exists()


def test_queue_needs_the_reply_permission(client, make_user, grid_tree, letter):
    editor = make_user("editor", grid=grid_tree["micro"], scope=grid_tree["dongzha"])
    client.force_login(editor)
    assert client.get(QUEUE).status_code in (302, 403)
    assert client.get(f"{QUEUE}{letter.pk}/").status_code in (302, 403)
    assert QUEUE not in client.get("/admin/").content.decode()


def test_queue_404_and_menu_hidden_when_disabled(client, grid_worker, letter, set_plugin):
    client.force_login(grid_worker)
    assert QUEUE in client.get("/admin/").content.decode()
    set_plugin("mailbox", False)
    assert client.get(QUEUE).status_code == 404
    assert client.get(f"{QUEUE}{letter.pk}/").status_code == 404
    assert QUEUE not in client.get("/admin/").content.decode()


def test_superuser_sees_every_letter(client, admin_user, letter, write, xinxing_resident):
    write(xinxing_resident, "新兴社区的来信")
    client.force_login(admin_user)
    page = client.get(QUEUE).content.decode()
    assert letter.subject in page and "新兴社区的来信" in page


def test_queue_query_count_does_not_grow(client, grid_worker, resident, write,
                                         django_assert_max_num_queries):
    write(resident)
    client.force_login(grid_worker)
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE)
    Letter.objects.bulk_create(
        Letter(author=resident, grid=resident.home_grid, subject=f"来信{n}", body="内容" * 6)
        for n in range(30)
    )
    with django_assert_max_num_queries(len(few)):
        assert client.get(QUEUE).status_code == 200
