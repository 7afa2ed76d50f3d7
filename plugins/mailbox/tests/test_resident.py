"""The resident's side: write a letter, see 我的来信 and the replies; the API."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.plugins.host import host
from plugins.mailbox import services
from plugins.mailbox.models import Letter, Reply, Status

pytestmark = pytest.mark.django_db

VALID = {"category": "help", "subject": "想申请居家养老上门服务",
         "body": "老伴行动不便，子女都在外地，想问问社区能否安排助浴助餐上门服务。"}


def test_resident_writes_a_letter_to_their_community(client, resident, grid_tree):
    client.force_login(resident)
    page = client.get("/mailbox/new/").content.decode()
    assert "致：东栅社区" in page
    response = client.post("/mailbox/new/", VALID)
    letter = Letter.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/mailbox/{letter.pk}/"
    assert letter.author == resident and letter.grid == grid_tree["micro"]
    assert letter.status == Status.PENDING
    page = client.get(response["Location"]).content.decode()
    assert "来信已送达" in page and VALID["subject"] in page and "待回复" in page


def test_my_letters_lists_status_and_replies(client, resident, grid_worker, write):
    pending = write(resident, "楼道堆放杂物")
    answered = write(resident, "小区南门路灯坏了")
    services.reply(answered, grid_worker, "已联系城管中队，周四前修复。")
    client.force_login(resident)
    page = client.get("/mailbox/").content.decode()
    assert "楼道堆放杂物" in page and "小区南门路灯坏了" in page
    assert "待回复" in page and "已回复" in page
    detail = client.get(f"/mailbox/{answered.pk}/").content.decode()
    assert "已联系城管中队" in detail and "东栅第一网格 王丽娟" in detail
    assert "正在等待答复" in client.get(f"/mailbox/{pending.pk}/").content.decode()


@pytest.mark.parametrize("field, value, message", [
    ("subject", "", "必需字段"),
    ("subject", "路灯", "标题至少需要4个字。"),
    ("body", "路灯坏了", "内容至少需要10个字"),
    ("category", "praise", "选择一个有效的选项"),
])
def test_validation_errors_are_in_chinese_and_nothing_is_saved(field, value, message, client,
                                                               resident):
    client.force_login(resident)
    response = client.post("/mailbox/new/", {**VALID, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Letter.objects.exists()


def test_resident_without_home_grid_is_asked_to_choose_one(client, make_user):
    homeless = make_user("resident", grid=None)
    client.force_login(homeless)
    assert "请先选择居住网格" in client.get("/mailbox/new/").content.decode()
    page = client.post("/mailbox/new/", VALID).content.decode()
    assert "请先在“我的”页面选择居住网格" in page
    assert not Letter.objects.exists()


def test_daily_cap(client, resident, write):
    for n in range(services.MAX_LETTERS_PER_DAY):
        write(resident, f"来信{n}号事项")
    client.force_login(resident)
    page = client.post("/mailbox/new/", VALID).content.decode()
    assert "24小时内最多提交 5 封来信" in page
    assert Letter.objects.count() == services.MAX_LETTERS_PER_DAY


def test_another_residents_letter_is_404(client, letter, xinxing_resident):
    client.force_login(xinxing_resident)
    assert client.get(f"/mailbox/{letter.pk}/").status_code == 404
    assert client.get(f"/api/mailbox/letters/{letter.pk}/").status_code == 404
    assert letter.subject not in client.get("/mailbox/").content.decode()


def test_visitors_are_sent_to_log_in(client):
    response = client.get("/mailbox/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/api/mailbox/letters/").status_code == 403


def test_404_when_disabled_for_the_residents_county(client, resident, letter, grid_tree,
                                                    xinxing_resident, make_user, set_plugin):
    set_plugin("mailbox", False, grid=grid_tree["nanhu"])
    client.force_login(resident)
    for path in ("/mailbox/", "/mailbox/new/", f"/mailbox/{letter.pk}/",
                 "/api/mailbox/letters/"):
        assert client.get(path).status_code == 404, path
    assert client.post("/mailbox/new/", VALID).status_code == 404
    assert Letter.objects.count() == 1
    client.force_login(make_user("resident", grid=grid_tree["wangdian"]))
    assert client.get("/mailbox/").status_code == 200
    assert client.get("/api/mailbox/letters/").status_code == 200


def test_user_center_link(client, resident, set_plugin):
    client.force_login(resident)
    assert "我的来信" in client.get("/me/").content.decode()
    set_plugin("mailbox", False)
    assert "我的来信" not in client.get("/me/").content.decode()


def test_api_lists_own_letters_with_replies(client, resident, grid_worker, write,
                                            xinxing_resident):
    answered = write(resident)
    services.reply(answered, grid_worker, "已联系城管中队，周四前修复。")
    write(xinxing_resident, "别人的来信")
    client.force_login(resident)
    data = client.get("/api/mailbox/letters/").json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["status"] == "replied" and item["status_label"] == "已回复"
    assert item["grid_name"] == "东栅一网格1号微网格"
    assert item["replies"][0]["signature"] == "东栅第一网格 王丽娟"
    assert client.get(f"/api/mailbox/letters/{answered.pk}/").json()["id"] == answered.pk


def test_api_creates_a_letter(client, resident, grid_tree):
    client.force_login(resident)
    response = client.post("/api/mailbox/letters/", {**VALID, "anonymous": True},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    letter = Letter.objects.get()
    assert letter.grid == grid_tree["micro"] and letter.anonymous
    assert response.json()["status"] == "pending"


def test_api_refuses_bad_input_in_chinese(client, resident, make_user):
    client.force_login(resident)
    response = client.post("/api/mailbox/letters/", {**VALID, "subject": "", "status": "closed"},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json()["subject"] == ["该字段不能为空。"]
    client.force_login(make_user("resident", grid=None))
    response = client.post("/api/mailbox/letters/", VALID, content_type="application/json")
    assert response.status_code == 400
    assert "选择居住网格" in response.json()["non_field_errors"][0]
    assert not Letter.objects.exists()


def test_export_user_data(resident, grid_worker, letter):
    services.reply(letter, grid_worker, "已联系城管中队。", close=True)
    [(slug, data)] = host.call_one("mailbox", "export_user_data", user=resident)
    assert slug == "mailbox"
    [exported] = data["letters"]
    assert exported["subject"] == letter.subject and exported["status"] == "已关闭"
    assert exported["replies"][0]["body"] == "已联系城管中队。"
    import json
    json.dumps(data)  # JSON-serialisable


def _count(client, path: str) -> int:
    client.get(path)  # warm the plugin snapshot and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/mailbox/", "/api/mailbox/letters/"])
def test_list_query_count_does_not_grow(path, client, resident, grid_worker, write,
                                        django_assert_max_num_queries):
    client.force_login(resident)
    services.reply(write(resident), grid_worker, "已处理。")
    few = _count(client, path)
    for n in range(15):
        letter = write(resident, f"第{n}封来信的标题")
        Reply.objects.create(letter=letter, signature="网格员", body="已处理。")
    with django_assert_max_num_queries(few):
        assert client.get(path).status_code == 200
