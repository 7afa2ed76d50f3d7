"""The points API: resident endpoints, staff endpoints, scoping, errors, schema."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from core.notifications.models import Notification
from core.points import claims as claim_services
from core.points.models import ClaimStatus, EntryKind, PointClaim, PointEntry
from core.points.services import adjust, apply_rule, balance_of

from .conftest import png


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def head(make_user, grid_tree):
    return make_user("grid_head", grid=grid_tree["grid1"], scope=grid_tree["grid1"])


def test_anonymous_and_unconsented_are_refused(api, make_user, grid_tree):
    assert api.get("/api/points/me/").status_code == 403
    api.force_authenticate(make_user("resident", grid=grid_tree["micro"], consented=False))
    assert api.get("/api/points/me/").status_code == 403


def test_summary_history_and_rules(api, neighbour, admin_user):
    apply_rule(neighbour, "deeds.help", key="help:1", reason="帮邻居取快递")
    adjust(neighbour, -2, reason="楼道堆放杂物", actor=admin_user)
    api.force_authenticate(neighbour)
    assert api.get("/api/points/me/").json() == {"balance": 3, "credit": 3, "household": None}
    body = api.get("/api/points/me/entries/").json()
    assert body["count"] == 2
    latest, first = body["results"]
    assert (latest["kind"], latest["amount"], latest["reason"]) == ("adjust", -2, "楼道堆放杂物")
    assert (first["rule_code"], first["rule_label"], first["kind_label"]) == (
        "deeds.help", "邻里互助", "奖励")
    rules = {rule["code"]: rule for rule in api.get("/api/points/me/rules/").json()}
    assert rules["deeds.help"]["daily_cap"] == 10 and not rules["deeds.help"]["can_be_claimed"]
    assert rules["deeds.claim"]["needs_approval"] and rules["deeds.claim"]["can_be_claimed"]
    assert rules["deeds.litter"]["points"] == -8


def test_create_and_list_claims(api, neighbour, media):
    api.force_login(neighbour)  # a session: the photo URL is a plain Django view
    response = api.post("/api/points/me/claims/", {
        "rule_code": "deeds.claim", "description": "帮独居老人买菜", "photos": [png()]},
        format="multipart")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["rule_label"], body["points"]) == ("pending", "线下好人好事", None)
    assert len(body["photos"]) == 1 and body["photos"][0].startswith("/points/claims/photos/")
    assert api.get(body["photos"][0]).status_code == 200
    listing = api.get("/api/points/me/claims/").json()
    assert listing["count"] == 1 and listing["results"][0]["id"] == body["id"]


def test_claim_errors_are_chinese_and_save_nothing(api, neighbour, make_user, grid_tree):
    api.force_authenticate(neighbour)
    response = api.post("/api/points/me/claims/", {"rule_code": "deeds.help",
                                                    "description": ""}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["errors"]["rule_code"] == ["该事项不可申领，或在您所在的区域未启用。"]
    assert body["errors"]["description"] == ["请说明您做了什么好事。"]
    api.force_authenticate(make_user("resident", grid=grid_tree["micro"], verified=False))
    response = api.post("/api/points/me/claims/", {"rule_code": "deeds.claim",
                                                    "description": "帮忙"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "请先完成实名认证，再申领积分。"
    assert not PointClaim.objects.exists()


def test_rankings(api, neighbour, far_resident, admin_user, make_user):
    adjust(neighbour, 9, reason="志愿服务", actor=admin_user)
    adjust(far_resident, 12, reason="志愿服务", actor=admin_user)
    api.force_authenticate(neighbour)
    body = api.get("/api/points/rankings/").json()
    assert body["board"] == "residents" and body["region"]["name"] == "新嘉街道"
    assert [(row["rank"], row["label"], row["total"]) for row in body["rows"]] == [
        (1, "赵*方", 12), (2, "张*英", 9)]
    assert body["me"]["rank"] == 2 and body["me"]["is_me"]
    body = api.get("/api/points/rankings/?board=grids&period=year").json()
    assert [row["label"] for row in body["rows"]] == ["新兴第一网格", "东栅第一网格"]
    bad = api.get("/api/points/rankings/?board=planets")
    assert bad.status_code == 400 and bad.json()["detail"] == "榜单或周期参数不正确。"
    api.force_authenticate(make_user("resident"))
    assert api.get("/api/points/rankings/").json()["detail"] == "请先选择居住网格，再查看积分排行。"


@pytest.fixture
def pending(neighbour, far_resident):
    mine = claim_services.submit_claim(neighbour, rule_code="deeds.claim", description="帮忙")
    other = claim_services.submit_claim(far_resident, rule_code="deeds.claim",
                                        description="清理小广告")
    return mine, other


def test_staff_queue_is_scoped(api, grid_worker, pending):
    mine, other = pending
    api.force_authenticate(grid_worker)
    body = api.get("/api/points/staff/claims/").json()
    assert [claim["id"] for claim in body["results"]] == [mine.pk]
    assert body["results"][0]["resident_name"] == "张秀英"
    assert body["results"][0]["resident_mobile"].count("*") == 4
    assert api.post(f"/api/points/staff/claims/{other.pk}/approve/").status_code == 404
    assert api.post(f"/api/points/staff/claims/{other.pk}/reject/",
                    {"reason": "x"}).status_code == 404
    other.refresh_from_db()
    assert other.status == ClaimStatus.PENDING


def test_staff_approve_once_and_reject_needs_reason(api, grid_worker, neighbour, pending):
    mine, _other = pending
    api.force_authenticate(grid_worker)
    response = api.post(f"/api/points/staff/claims/{mine.pk}/approve/", {"reason": "属实"})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["points"]) == ("approved", 10)
    again = api.post(f"/api/points/staff/claims/{mine.pk}/approve/")
    assert again.status_code == 409 and "无需重复审核" in again.json()["detail"]
    assert PointEntry.objects.count() == 1 and balance_of(neighbour) == (10, 10)
    second = claim_services.submit_claim(neighbour, rule_code="deeds.claim", description="再")
    response = api.post(f"/api/points/staff/claims/{second.pk}/reject/", {"reason": " "})
    assert response.status_code == 400
    assert response.json()["detail"] == "驳回申领必须填写理由。"
    response = api.post(f"/api/points/staff/claims/{second.pk}/reject/", {"reason": "重复申领"})
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    assert Notification.objects.filter(recipient=neighbour).count() == 2


def test_staff_adjust(api, head, neighbour, far_resident):
    api.force_authenticate(head)
    response = api.post("/api/points/staff/adjustments/", {
        "resident": neighbour.pk, "amount": 6, "reason": "参加居民议事会"}, format="json")
    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["amount"]) == (EntryKind.ADJUST, 6)
    response = api.post("/api/points/staff/adjustments/", {
        "resident": far_resident.pk, "amount": 6, "reason": "x"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["resident"] == ["该居民不存在或不在您的管辖范围内。"]
    response = api.post("/api/points/staff/adjustments/", {
        "resident": neighbour.pk, "amount": 6, "reason": ""}, format="json")
    assert response.json()["errors"]["reason"] == ["人工调整必须填写事由。"]
    assert PointEntry.objects.count() == 1


def test_residents_cannot_use_staff_endpoints(api, neighbour, pending):
    api.force_authenticate(neighbour)
    assert api.get("/api/points/staff/claims/").status_code == 403
    assert api.post(f"/api/points/staff/claims/{pending[0].pk}/approve/").status_code == 403
    assert api.post("/api/points/staff/adjustments/", {
        "resident": neighbour.pk, "amount": 5, "reason": "x"}).status_code == 403
    assert not PointEntry.objects.exists()


def test_schema_documents_points_routes(client):
    schema = client.get("/api/schema/").content.decode()
    for route in ("/api/points/me/", "/api/points/me/entries/", "/api/points/me/rules/",
                  "/api/points/me/claims/", "/api/points/rankings/",
                  "/api/points/staff/claims/", "/api/points/staff/claims/{id}/approve/",
                  "/api/points/staff/claims/{id}/reject/", "/api/points/staff/adjustments/"):
        assert route in schema, route
    assert "PointsRanking" in schema and "积分管理" in schema
