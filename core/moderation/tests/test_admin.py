"""敏感词库 admin: add/edit/delete through the Wagtail views, bulk import, permissions."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core.moderation.models import DictionaryVersion, SensitiveWord
from core.moderation.services import import_words, parse_line, screen


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_admin_edit_changes_screening_at_once(admin_client):
    assert screen("专业代开发票").allowed
    response = admin_client.post(reverse("moderation_words:add"), {
        "word": "代开发票", "category": "illegal", "action": "hold", "active": "on", "note": ""})
    assert response.status_code == 302
    word = SensitiveWord.objects.get(word="代开发票")
    assert word.created_by is not None
    assert screen("专业代开发票").held

    admin_client.post(reverse("moderation_words:edit", args=[word.pk]), {
        "word": "代开发票", "category": "illegal", "action": "block", "active": "on", "note": ""})
    assert screen("专业代开 发票").blocked

    admin_client.post(reverse("moderation_words:delete", args=[word.pk]))
    assert not SensitiveWord.objects.exists()
    assert screen("专业代开发票").allowed
    actions = set(ModelLogEntry.objects.filter(content_type__app_label="moderation")
                  .values_list("action", flat=True))
    assert {"wagtail.create", "wagtail.edit", "wagtail.delete"} <= actions


def test_admin_refuses_a_duplicate_with_a_chinese_message(admin_client):
    SensitiveWord.objects.create(word="加微信", action="hold")
    response = admin_client.post(reverse("moderation_words:add"), {
        "word": "加 微 信", "category": "advert", "action": "block", "active": "on"})
    assert response.status_code == 200
    assert "词库中已有“加微信”" in response.content.decode()
    assert SensitiveWord.objects.count() == 1


def test_index_lists_words_and_offers_import(admin_client):
    SensitiveWord.objects.create(word="刷单", action="block", category="advert")
    page = admin_client.get(reverse("moderation_words:index")).content.decode()
    assert "刷单" in page and "拒绝发布" in page
    assert reverse("moderation_words:import") in page


def test_staff_without_the_permission_are_refused(client, make_user, grid_tree):
    cadre = make_user("cadre", grid=grid_tree["micro"], scope=grid_tree["dongzha"])
    client.force_login(cadre)
    assert client.get(reverse("moderation_words:index")).status_code in (302, 403)
    assert client.get(reverse("moderation_words:import")).status_code in (302, 403)


def test_administrator_role_may_maintain_the_dictionary(client, make_user, grid_tree):
    operator = make_user("administrator", scope=grid_tree["city"])
    client.force_login(operator)
    assert client.get(reverse("moderation_words:index")).status_code == 200
    assert client.get(reverse("moderation_words:import")).status_code == 200


def test_bulk_import_from_a_file(admin_client):
    SensitiveWord.objects.create(word="加微信", action="hold", active=False)
    text = "# 广告词\n加微信,拒绝发布\n刷单\n代开发票\t拒绝发布\n高利贷，待审核\n\n刷 单\n，。\n坏词,也许\n"
    upload = SimpleUploadedFile("words.txt", text.encode("gb18030"), content_type="text/plain")
    response = admin_client.post(reverse("moderation_words:import"), {
        "file": upload, "category": "advert", "action": "hold"}, follow=True)
    page = response.content.decode()
    assert "新增 3 个，更新 1 个" in page
    assert "第8行" in page and "第9行" in page
    found = dict(SensitiveWord.objects.values_list("word", "action"))
    assert found == {"加微信": "block", "刷单": "hold", "代开发票": "block", "高利贷": "hold"}
    assert SensitiveWord.objects.get(word="加微信").active
    assert screen("加微信").blocked and screen("找我刷单").held
    assert ModelLogEntry.objects.filter(action="jiayuan.moderation_words_imported").count() == 1


def test_import_refuses_a_file_it_cannot_decode(admin_client):
    upload = SimpleUploadedFile("words.txt", b"\xff\xfe\xfa\xfb\x80", content_type="text/plain")
    response = admin_client.post(reverse("moderation_words:import"), {
        "file": upload, "category": "advert", "action": "hold"})
    assert "无法识别文件编码" in response.content.decode() or SensitiveWord.objects.count() == 0


def test_import_is_idempotent_and_bumps_once(db):
    first = import_words("刷单\n加微信\n")
    version = DictionaryVersion.objects.get(pk=1).value
    again = import_words("刷单\n加微信\n")
    assert (first.created, again.created, again.unchanged) == (2, 0, 2)
    assert DictionaryVersion.objects.get(pk=1).value == version  # nothing changed, no rebuild


@pytest.mark.parametrize(("line", "expected"), [
    ("加微信", ("加微信", None)), ("加微信,block", ("加微信", "block")),
    ("加微信，待审核", ("加微信", "hold")), ("加微信\t拒绝发布", ("加微信", "block")),
    ("加微信|HOLD", ("加微信", "hold")),
])
def test_parse_line(line, expected):
    assert parse_line(line) == expected
