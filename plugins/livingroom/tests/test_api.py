"""The JSON API: every action, the same Chinese refusals, scoped moderation."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from plugins.livingroom import services
from plugins.livingroom.models import Ban, Post, Status

pytestmark = pytest.mark.usefixtures("livingroom_on")


@pytest.fixture
def api():
    return APIClient()


def test_post_feed_detail_comment_like_flag(api, resident, neighbours, cadre, dictionary):
    api.force_authenticate(resident)
    created = api.post("/api/livingroom/posts/", {"title": "广场舞噪音", "body": "九点后还很吵"},
                       format="json")
    assert created.status_code == 201 and created.data["status"] == "published"
    pk = created.data["id"]
    refused = api.post("/api/livingroom/posts/", {"title": "发票", "body": "代开发票"},
                       format="json")
    assert refused.status_code == 400
    assert refused.data["detail"] == "内容含有不当用语“代开发票”，请修改后再发布。"
    held = api.post("/api/livingroom/posts/", {"title": "转让", "body": "加微信"}, format="json")
    assert held.data == {"detail": "已提交，待管理员审核后显示。", "id": held.data["id"],
                         "status": "held"}

    api.force_authenticate(cadre)
    assert api.post(f"/api/livingroom/posts/{pk}/comments/", {"body": "已提醒广场舞队。"},
                    format="json").status_code == 201
    api.force_authenticate(neighbours[0])
    api.post(f"/api/livingroom/posts/{pk}/comments/", {"body": "支持"}, format="json")
    liked = api.post(f"/api/livingroom/posts/{pk}/like/")
    assert liked.data["like_count"] == 1
    again = api.post(f"/api/livingroom/posts/{pk}/like/")
    assert again.status_code == 400 and again.data["detail"] == "您已经点过赞了。"
    flagged = api.post(f"/api/livingroom/posts/{pk}/flag/", {"reason": "rumour"}, format="json")
    assert flagged.data["hidden"] is False

    feed = api.get("/api/livingroom/posts/").data
    assert [item["title"] for item in feed["results"]] == ["广场舞噪音"]  # held one hidden
    assert feed["results"][0]["liked"] is True
    detail = api.get(f"/api/livingroom/posts/{pk}/").data
    assert [c["is_official"] for c in detail["comments"]] == [True, False]
    assert detail["author"] == "张*红"
    assert api.delete(f"/api/livingroom/posts/{pk}/like/").data["like_count"] == 0


def test_out_of_community_resident_gets_404(api, outsider, make_post):
    post = make_post()
    api.force_authenticate(outsider)
    assert api.get(f"/api/livingroom/posts/{post.pk}/").status_code == 404
    assert api.post(f"/api/livingroom/posts/{post.pk}/like/").status_code == 404
    assert api.get("/api/livingroom/posts/").data["results"] == []


def test_mine_includes_held_posts(api, resident, make_post, dictionary):
    make_post(title="转让", body="加微信")
    api.force_authenticate(resident)
    results = api.get("/api/livingroom/mine/").data["results"]
    assert [r["status"] for r in results] == ["held"]


def test_moderation_api_is_scoped(api, cadre, other_cadre, resident, neighbours, make_post,
                                  dictionary):
    held = make_post(title="转让", body="加微信")
    api.force_authenticate(other_cadre)
    assert api.get("/api/livingroom/moderation/").data == []
    response = api.post("/api/livingroom/moderation/", {"action": "approve", "posts": [held.pk]},
                        format="json")
    assert response.status_code == 400 and "不在您的管理范围" in response.data["detail"]
    assert api.post("/api/livingroom/moderation/bans/", {
        "user": resident.pk, "days": 7, "reason": "广告"}, format="json").status_code == 400
    api.force_authenticate(resident)
    assert api.get("/api/livingroom/moderation/").data == []

    api.force_authenticate(cadre)
    queue = api.get("/api/livingroom/moderation/").data
    assert [(item["kind"], item["id"], item["hold_words"]) for item in queue] == [
        ("post", held.pk, "加微信")]
    edited = api.post(f"/api/livingroom/moderation/posts/{held.pk}/edit/",
                      {"title": "转让", "body": "请到服务站登记"}, format="json")
    assert edited.data["original_body"] == "加微信"
    assert api.post("/api/livingroom/moderation/", {"action": "approve", "posts": [held.pk]},
                    format="json").status_code == 200
    assert Post.objects.get(pk=held.pk).status == Status.PUBLISHED
    ban = api.post("/api/livingroom/moderation/bans/", {
        "user": resident.pk, "days": 1, "reason": "广告"}, format="json")
    assert ban.status_code == 201 and ban.data["active"] is True
    assert api.get("/api/livingroom/moderation/bans/").data[0]["reason"] == "广告"
    api.force_authenticate(resident)
    refused = api.post("/api/livingroom/posts/", {"title": "a", "body": "b"}, format="json")
    assert refused.status_code == 400 and "您已被禁言至" in refused.data["detail"]
    api.force_authenticate(cadre)
    lifted = api.post(f"/api/livingroom/moderation/bans/{Ban.objects.get().pk}/lift/")
    assert lifted.data["active"] is False
    assert services.active_ban(resident) is None


def test_api_is_in_the_openapi_schema(api, admin_user):
    api.force_authenticate(admin_user)
    schema = api.get("/api/schema/", {"format": "json"})
    paths = schema.json()["paths"] if schema.status_code == 200 else {}
    assert "/api/livingroom/posts/" in paths
    assert "/api/livingroom/moderation/" in paths


def test_flag_a_comment_through_the_api(api, resident, neighbours, make_post):
    post = make_post()
    comment = services.add_comment(neighbours[0], post, "楼主别瞎说").obj
    api.force_authenticate(neighbours[1])
    url = f"/api/livingroom/posts/{post.pk}/comments/{comment.pk}/flag/"
    assert api.post(url, {"reason": "abuse", "detail": "人身攻击"}, format="json").status_code == 200
    again = api.post(url, {"reason": "abuse"}, format="json")
    assert again.status_code == 400 and "已经举报过" in again.data["detail"]
    bad = api.post(f"/api/livingroom/posts/{post.pk}/flag/", {"reason": "x"}, format="json")
    assert bad.status_code == 400 and bad.data["detail"] == "请选择举报原因。"
