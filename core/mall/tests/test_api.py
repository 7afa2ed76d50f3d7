"""The mall API: items, redeem, my orders, cancel, credit, staff verify, schema."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from core.mall import services
from core.mall.models import BenefitKind, CreditBenefit, Order, OrderStatus
from core.points.services import balance_of


@pytest.fixture
def api():
    return APIClient()


def test_anonymous_is_refused(api, rice):
    for url in ("/api/mall/items/", "/api/mall/orders/", "/api/mall/credit/"):
        assert api.get(url).status_code == 403, url
    assert api.post(f"/api/mall/items/{rice.pk}/redeem/", {}).status_code == 403


def test_items_are_those_of_my_region(api, neighbour, far_resident, rice, make_item):
    make_item("停车 2 小时", price=10, category="parking")
    api.force_authenticate(neighbour)
    data = api.get("/api/mall/items/").json()
    assert data["count"] == 2
    first = data["results"][0]
    assert first["region"] == {"code": rice.grid.code, "name": "东栅社区"}
    assert {"price", "stock", "per_person_limit", "category_label", "image"} <= set(first)
    assert api.get("/api/mall/items/?category=parking").json()["count"] == 1
    assert api.get(f"/api/mall/items/{rice.pk}/").json()["name"] == "大米 5 公斤"
    api.force_authenticate(far_resident)
    assert api.get("/api/mall/items/").json()["count"] == 0
    assert api.get(f"/api/mall/items/{rice.pk}/").status_code == 404
    assert api.post(f"/api/mall/items/{rice.pk}/redeem/", {}).status_code == 404


def test_redeem_and_see_the_order(api, neighbour, rice):
    api.force_authenticate(neighbour)
    response = api.post(f"/api/mall/items/{rice.pk}/redeem/", {"quantity": 1}, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "open" and data["points"] == 50 and len(data["code"]) == 8
    assert data["qr_svg"].startswith("<svg") and data["item"]["name"] == "大米 5 公斤"
    listing = api.get("/api/mall/orders/").json()
    assert listing["count"] == 1 and listing["results"][0]["qr_svg"] is None
    detail = api.get(f"/api/mall/orders/{data['id']}/").json()
    assert detail["code"] == data["code"] and detail["qr_svg"].startswith("<svg")


@pytest.mark.parametrize("body, message", [
    ({"quantity": 3}, "余额不足"),
    ({"quantity": 20}, "库存不足"),
    ({"quantity": "many"}, "兑换数量应为整数"),
    ({"recipient_mobile": "13900000000", "recipient_name": "无名"}, "未找到"),
])
def test_refusals(api, neighbour, rice, body, message):
    api.force_authenticate(neighbour)
    response = api.post(f"/api/mall/items/{rice.pk}/redeem/", body, format="json")
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not Order.objects.exists() and balance_of(neighbour)[0] == 100


def test_gift_and_cancel(api, neighbour, elder, soap):
    api.force_authenticate(neighbour)
    data = api.post(f"/api/mall/items/{soap.pk}/redeem/", {
        "quantity": 2, "recipient_mobile": elder.mobile, "recipient_name": "张秀英"},
        format="json").json()
    assert data["recipient"] == "张秀英"
    api.force_authenticate(elder)
    mine = api.get("/api/mall/orders/").json()["results"][0]
    assert mine["giver"] == "李梅" and mine["code"] == data["code"]
    assert api.post(f"/api/mall/orders/{data['id']}/cancel/").status_code == 404
    api.force_authenticate(neighbour)
    cancelled = api.post(f"/api/mall/orders/{data['id']}/cancel/")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["code"] is None and balance_of(neighbour)[0] == 100
    again = api.post(f"/api/mall/orders/{data['id']}/cancel/")
    assert again.status_code == 409 and "已取消" in again.json()["detail"]


def test_credit(api, neighbour):
    CreditBenefit.objects.create(name="积分贷", kind=BenefitKind.LOAN, threshold=150)
    api.force_authenticate(neighbour)
    data = api.get("/api/mall/credit/").json()
    assert (data["credit"], data["stars"], data["max_stars"], data["rating"]) == (100, 4, 5, "4 星")
    assert data["next_threshold"] == 150
    assert data["benefits"][0]["missing"] == 50 and data["benefits"][0]["reached"] is False


def test_staff_verify(api, cadre, other_worker, neighbour, rice):
    order = services.redeem(neighbour, rice, 1)
    api.force_authenticate(neighbour)
    assert api.post("/api/mall/staff/verify/", {"code": order.code}).status_code == 403
    api.force_authenticate(other_worker)
    response = api.get(f"/api/mall/staff/verify/?code={order.code}")
    assert response.status_code == 404 and "未找到" in response.json()["detail"]
    assert api.post("/api/mall/staff/verify/", {"code": order.code}).status_code == 404
    api.force_authenticate(cadre)
    preview = api.get(f"/api/mall/staff/verify/?code={order.code}").json()
    assert preview["item_name"] == "大米 5 公斤" and preview["resident"] == "李*"
    response = api.post("/api/mall/staff/verify/", {"code": order.code}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "verified"
    again = api.post("/api/mall/staff/verify/", {"code": order.code}, format="json")
    assert again.status_code == 409 and "不能重复核销" in again.json()["detail"]
    order.refresh_from_db()
    assert order.status == OrderStatus.VERIFIED
    bad = api.post("/api/mall/staff/verify/", {"code": "12"}, format="json")
    assert bad.status_code == 404 and "8 位数字" in bad.json()["detail"]


def test_schema_documents_mall_routes(client):
    schema = client.get("/api/schema/").content.decode()
    for route in ("/api/mall/items/", "/api/mall/items/{id}/", "/api/mall/items/{id}/redeem/",
                  "/api/mall/orders/", "/api/mall/orders/{id}/",
                  "/api/mall/orders/{id}/cancel/", "/api/mall/credit/",
                  "/api/mall/staff/verify/"):
        assert route in schema, route
    for component in ("MallItem", "MallOrder", "MallRedeemRequest", "MallStaffOrder",
                      "MallCredit", "积分商城核销"):
        assert component in schema, component
