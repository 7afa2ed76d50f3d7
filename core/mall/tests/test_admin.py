"""积分商城 in the Wagtail admin: menu, scoped catalogue, orders, and the 核销 page."""

from __future__ import annotations

import json

import pytest

from core.mall import services
from core.mall.models import CreditBenefit, MallItem, OrderStatus


@pytest.fixture
def order(neighbour, rice):
    return services.redeem(neighbour, rice, 1)


def test_menu_shows_by_permission(client, cadre, grid_worker):
    client.force_login(cadre)
    admin = client.get("/admin/").content.decode()
    assert json.dumps("积分商城")[1:-1] in admin
    for url in ("/admin/mall/items/", "/admin/mall/benefits/", "/admin/mall/orders/",
                "/admin/mall/verify/"):
        assert url in admin, url
    client.force_login(grid_worker)  # verifies and lists orders, no catalogue
    admin = client.get("/admin/").content.decode()
    assert "/admin/mall/verify/" in admin and "/admin/mall/items/" not in admin


def test_residents_are_refused(client, neighbour, order):
    neighbour.is_staff = True
    neighbour.save()
    client.force_login(neighbour)
    for url in ("/admin/mall/verify/", "/admin/mall/orders/", "/admin/mall/items/"):
        assert client.get(url).status_code in (302, 403), url
    assert client.post("/admin/mall/verify/", {"code": order.code}).status_code in (302, 403)
    order.refresh_from_db()
    assert order.status == OrderStatus.OPEN


def test_catalogue_is_scoped(client, cadre, rice, make_item, grid_tree):
    far = make_item("新兴社区大米", grid=grid_tree["xinxing"])
    site_wide = make_item("96345 家电维修", grid=None)
    client.force_login(cadre)
    listing = client.get("/admin/mall/items/").content.decode()
    assert "大米 5 公斤" in listing and "新兴社区大米" not in listing
    assert "96345 家电维修" not in listing  # site-wide rows are for superusers
    assert client.get(f"/admin/mall/items/edit/{rice.pk}/").status_code == 200
    for item in (far, site_wide):
        assert client.get(f"/admin/mall/items/edit/{item.pk}/").status_code == 404


def item_form(**overrides) -> dict:
    data = {"category": "goods", "name": "食用油 5 升", "description": "", "price": 85,
            "stock": 20, "per_person_limit": 1, "valid_from": "", "valid_until": "",
            "location": "东栅社区积分超市", "active": "on", "sort_order": 0, "grid": ""}
    return {**data, **overrides}


def test_non_superusers_must_pick_a_region_in_their_scope(client, cadre, grid_tree):
    client.force_login(cadre)
    page = client.get("/admin/mall/items/new/").content.decode()
    assert "东栅社区" in page and "新兴社区" not in page
    response = client.post("/admin/mall/items/new/", item_form())
    assert response.status_code == 200 and "请选择区域" in response.content.decode()
    response = client.post("/admin/mall/items/new/", item_form(grid=grid_tree["xinxing"].pk))
    assert response.status_code == 200 and not MallItem.objects.exists()
    response = client.post("/admin/mall/items/new/", item_form(
        grid=grid_tree["dongzha"].pk, valid_from="2030-01-02 00:00",
        valid_until="2030-01-01 00:00"))
    assert "截止时间应晚于开始兑换时间" in response.content.decode()
    response = client.post("/admin/mall/items/new/", item_form(grid=grid_tree["dongzha"].pk))
    assert response.status_code == 302
    assert MallItem.objects.get().grid == grid_tree["dongzha"]


def test_superuser_may_offer_site_wide(client, admin_user):
    client.force_login(admin_user)
    assert client.post("/admin/mall/items/new/", item_form()).status_code == 302
    assert MallItem.objects.get().grid is None


def test_benefits_admin(client, cadre, grid_tree):
    client.force_login(cadre)
    response = client.post("/admin/mall/benefits/new/", {
        "kind": "school", "name": "新居民子女积分入学加分", "description": "", "threshold": 60,
        "provider": "南湖区教育局", "grid": grid_tree["dongzha"].pk, "active": "on",
        "sort_order": 0})
    assert response.status_code == 302
    assert "新居民子女积分入学加分" in client.get("/admin/mall/benefits/").content.decode()
    assert CreditBenefit.objects.get().threshold == 60


def test_orders_listing_is_scoped_and_hides_open_codes(client, cadre, other_worker, order,
                                                       far_resident, make_item, grid_tree):
    far_item = make_item("新兴社区大米", grid=grid_tree["xgrid"])
    services.redeem(far_resident, far_item, 1)
    client.force_login(cadre)
    listing = client.get("/admin/mall/orders/").content.decode()
    assert "大米 5 公斤" in listing and "新兴社区大米" not in listing
    assert order.code not in listing and f"····{order.code[-4:]}" in listing
    client.force_login(other_worker)
    listing = client.get("/admin/mall/orders/").content.decode()
    assert "大米 5 公斤" not in listing and "新兴社区大米" in listing


def test_verify_page_looks_up_then_confirms_once(client, cadre, order):
    client.force_login(cadre)
    assert "核销码" in client.get("/admin/mall/verify/").content.decode()
    page = client.get(f"/admin/mall/verify/?code={order.code}").content.decode()
    assert 'data-testid="verify-order"' in page and "大米 5 公斤 × 1" in page
    assert "李梅" in page and "确认核销" in page
    response = client.post("/admin/mall/verify/", {"code": order.code}, follow=True)
    assert "已核销：大米 5 公斤 × 1（李*）" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.VERIFIED and order.verified_by == cadre
    response = client.post("/admin/mall/verify/", {"code": order.code})
    assert "不能重复核销" in response.content.decode()
    page = client.get(f"/admin/mall/verify/?code={order.code}").content.decode()
    assert "不能重复核销" in page and 'data-testid="verify-order"' not in page


def test_worker_of_another_grid_cannot_verify(client, other_worker, order):
    client.force_login(other_worker)
    page = client.get(f"/admin/mall/verify/?code={order.code}").content.decode()
    assert "未找到该核销码" in page and "李梅" not in page
    response = client.post("/admin/mall/verify/", {"code": order.code})
    assert "未找到该核销码" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.OPEN
