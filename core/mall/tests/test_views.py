"""Resident pages under /mall/: what shows, what a POST changes, and query counts."""

from __future__ import annotations

import io

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image

from core.mall import services
from core.mall.models import BenefitKind, CreditBenefit, ItemCategory, Order, OrderStatus
from core.points.models import PointEntry
from core.points.services import balance_of

PAGES = ["/mall/", "/mall/orders/", "/mall/credit/"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def picture(name: str) -> Image:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 40), "orange").save(buffer, format="PNG")
    return Image.objects.create(title=name, file=ImageFile(buffer, name=f"{name}.png"))


@pytest.mark.parametrize("url", [*PAGES, "/mall/items/1/", "/mall/orders/1/"])
def test_anonymous_visitors_are_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_catalogue_shows_items_of_my_region_with_category_chips(client, neighbour, rice,
                                                               make_item, grid_tree):
    make_item("南湖景区游船票", price=60, category=ItemCategory.TICKETS, grid=grid_tree["nanhu"])
    make_item("新兴社区大米", grid=grid_tree["xinxing"])  # another community
    make_item("下架商品", active=False)
    client.force_login(neighbour)
    page = client.get("/mall/").content.decode()
    assert '<meta name="viewport" content="width=device-width' in page
    assert 'data-testid="mall-balance">100<' in page
    assert "大米 5 公斤" in page and "南湖景区游船票" in page and "50 积分" in page
    assert "新兴社区大米" not in page and "下架商品" not in page
    for label in ("全部", "商品兑换", "景区门票", "公共停车", "文体活动", "社会服务", "荣誉参观"):
        assert label in page
    tickets = client.get("/mall/?category=tickets").content.decode()
    assert "南湖景区游船票" in tickets and "大米 5 公斤" not in tickets
    assert 'aria-current="page">景区门票<' in tickets


def test_other_region_cannot_open_or_redeem_an_item(client, far_resident, rice):
    client.force_login(far_resident)
    assert "大米 5 公斤" not in client.get("/mall/").content.decode()
    assert client.get(f"/mall/items/{rice.pk}/").status_code == 404
    assert client.post(f"/mall/items/{rice.pk}/", {"quantity": 1}).status_code == 404
    assert not Order.objects.exists()


def test_redeem_from_the_item_page_then_see_the_code_and_qr(client, neighbour, rice):
    client.force_login(neighbour)
    page = client.get(f"/mall/items/{rice.pk}/").content.decode()
    assert 'data-testid="redeem-form"' in page and "立即兑换" in page
    assert 'inputmode="numeric"' in page and "btn--block" in page
    response = client.post(f"/mall/items/{rice.pk}/", {"quantity": 1}, follow=True)
    order = Order.objects.get()
    assert response.redirect_chain[-1][0] == f"/mall/orders/{order.pk}/"
    page = response.content.decode()
    assert "兑换成功" in page
    assert f"{order.code[:4]} {order.code[4:]}" in page  # the code in large digits
    assert '<svg viewBox="0 0' in page and f"核销码 {order.code}" in page  # the QR
    assert "东栅社区积分超市" in page and "取消兑换" in page
    assert balance_of(neighbour)[0] == 50


@pytest.mark.parametrize("data, message", [
    ({"quantity": 3}, "余额不足"),
    ({"quantity": 11}, "库存不足"),
    ({"quantity": 0}, "兑换数量至少为 1"),
    ({"quantity": 1, "recipient_mobile": "13911110002"}, "同时填写受赠人的手机号和姓名"),
    ({"quantity": 1, "recipient_mobile": "13911110002", "recipient_name": "张三"}, "未找到"),
])
def test_refusals_show_a_chinese_message_and_save_nothing(client, neighbour, rice, elder,
                                                          data, message):
    client.force_login(neighbour)
    entries = PointEntry.objects.count()
    response = client.post(f"/mall/items/{rice.pk}/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    rice.refresh_from_db()
    assert rice.stock == 10 and not Order.objects.exists()
    assert PointEntry.objects.count() == entries and balance_of(neighbour)[0] == 100


def test_expired_item_page_says_so(client, neighbour, make_item, past):
    item = make_item(valid_until=past)
    client.force_login(neighbour)
    page = client.get(f"/mall/items/{item.pk}/").content.decode()
    assert "已过期" in page and 'data-testid="redeem-form"' not in page
    response = client.post(f"/mall/items/{item.pk}/", {"quantity": 1})
    assert "已过期" in response.content.decode() and not Order.objects.exists()
    assert "大米 5 公斤" not in client.get("/mall/").content.decode()


def test_gift_shows_for_both_and_only_the_payer_may_cancel(client, neighbour, elder, soap):
    client.force_login(neighbour)
    client.post(f"/mall/items/{soap.pk}/", {"quantity": 2, "recipient_mobile": elder.mobile,
                                           "recipient_name": "张秀英"})
    order = Order.objects.get()
    assert order.recipient == elder
    assert "赠予 张秀英" in client.get("/mall/orders/").content.decode()
    client.force_login(elder)
    assert "李梅 赠予我" in client.get("/mall/orders/").content.decode()
    page = client.get(f"/mall/orders/{order.pk}/").content.decode()
    assert order.code[:4] in page and 'data-testid="mall-giver">李梅<' in page
    assert "取消兑换" not in page
    assert client.post(f"/mall/orders/{order.pk}/cancel/").status_code == 404
    client.force_login(neighbour)
    response = client.post(f"/mall/orders/{order.pk}/cancel/", follow=True)
    assert "订单已取消，10 积分已退还" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED and balance_of(neighbour)[0] == 100


def test_other_peoples_orders_are_404(client, neighbour, far_resident, rice):
    order = services.redeem(neighbour, rice, 1)
    client.force_login(far_resident)
    assert client.get(f"/mall/orders/{order.pk}/").status_code == 404
    assert client.post(f"/mall/orders/{order.pk}/cancel/").status_code == 404
    assert "大米" not in client.get("/mall/orders/").content.decode()


def test_verified_order_hides_the_code(client, neighbour, cadre, rice):
    order = services.redeem(neighbour, rice, 1)
    services.verify(order.code, cadre)
    client.force_login(neighbour)
    page = client.get(f"/mall/orders/{order.pk}/").content.decode()
    assert "已核销" in page and "<svg" not in page and "取消兑换" not in page
    listing = client.get("/mall/orders/?status=verified").content.decode()
    assert "大米 5 公斤" in listing
    assert "大米 5 公斤" not in client.get("/mall/orders/?status=open").content.decode()


def test_credit_page_shows_stars_and_benefits(client, neighbour, grid_tree):
    CreditBenefit.objects.create(name="荣誉参观南湖红船", kind=BenefitKind.HONOUR_VISIT,
                                 threshold=30, grid=grid_tree["nanhu"])
    CreditBenefit.objects.create(name="积分贷利率优惠", kind=BenefitKind.LOAN, threshold=150,
                                 provider="嘉兴农商银行")
    CreditBenefit.objects.create(name="秀洲区就学加分", kind=BenefitKind.SCHOOL, threshold=10,
                                 grid=grid_tree["xiuzhou"])
    client.force_login(neighbour)  # credit 100 → 4 of 5 stars
    page = client.get("/mall/credit/").content.decode()
    assert "★★★★☆" in page and "4 星" in page and 'data-testid="mall-credit">100<' in page
    assert "再获得 50 分（累计 150 分）升一星" in page
    assert "荣誉参观南湖红船" in page and "已达标" in page
    assert "积分贷利率优惠" in page and "还差 50 分" in page and "嘉兴农商银行" in page
    assert "秀洲区就学加分" not in page  # another county
    assert "已达标 1 / 2" in page


def test_catalogue_queries_do_not_grow_with_items(client, neighbour, make_item, media):
    for n in range(2):
        make_item(f"商品{n}", image=picture(f"p{n}"))
    client.force_login(neighbour)
    client.get("/mall/")  # first view renders (and stores) the thumbnails
    with CaptureQueriesContext(connection) as few:
        assert client.get("/mall/").status_code == 200
    for n in range(2, 18):
        make_item(f"商品{n}", image=picture(f"p{n}") if n % 2 else None)
    client.get("/mall/")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/mall/").content.decode()
    assert page.count('data-testid="mall-item"') == 18
    assert len(many) == len(few), [q["sql"] for q in many]


def test_catalogue_query_budget(client, neighbour, make_item, django_assert_max_num_queries):
    for n in range(25):
        make_item(f"商品{n}")
    client.force_login(neighbour)
    client.get("/mall/")
    with django_assert_max_num_queries(12):
        assert client.get("/mall/").status_code == 200
