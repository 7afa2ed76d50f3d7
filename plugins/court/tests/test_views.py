"""The resident pages: my paired judge and slots, booking, 我的预约, the module guard."""

from __future__ import annotations

from datetime import timedelta

import pytest

from plugins.court import services
from plugins.court.models import Booking

pytestmark = pytest.mark.django_db


def test_index_shows_the_paired_judge_and_free_slots(client, resident, judge, other_judge,
                                                     make_slot, court_on):
    slot = make_slot()
    make_slot(for_judge=other_judge)
    client.force_login(resident)
    page = client.get("/court/").content.decode()
    assert "金慧" in page and "南湖区人民法院 · 东栅人民法庭" in page
    assert "陆海峰" not in page  # paired with 新兴社区, not with this resident's community
    assert f"/court/slots/{slot.pk}/book/" in page


def test_index_query_count_does_not_grow_with_judges_and_slots(
        client, resident, make_judge, make_slot, court_on, django_assert_max_num_queries):
    client.force_login(resident)
    judge = make_judge()
    make_slot(for_judge=judge)
    client.get("/court/")
    with django_assert_max_num_queries(30) as few:
        client.get("/court/")
    for n in range(4):
        more = make_judge(name=f"法官{n}")
        for day in range(1, 4):
            make_slot(for_judge=more, starts_in=timedelta(days=day, hours=n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/court/").content.decode()
    assert page.count('data-testid="judge"') == 6  # + the fixture judge


def test_booking_through_the_page(client, resident, make_slot, court_on):
    slot = make_slot()
    client.force_login(resident)
    assert "确认预约" in client.get(f"/court/slots/{slot.pk}/book/").content.decode()
    response = client.post(f"/court/slots/{slot.pk}/book/",
                           {"dispute_type": "neighbour", "focus": "邻居砌花坛挡住了通道。"})
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/court/bookings/{booking.pk}/"
    assert "已预约" in client.get(f"/court/bookings/{booking.pk}/").content.decode()
    assert "金慧" in client.get("/court/bookings/").content.decode()
    # Now taken: the page is gone (404), like any slot that is not free.
    assert client.get(f"/court/slots/{slot.pk}/book/").status_code == 404


def test_bad_booking_input_shows_a_chinese_error(client, resident, make_slot, court_on):
    slot = make_slot()
    client.force_login(resident)
    response = client.post(f"/court/slots/{slot.pk}/book/", {"dispute_type": "neighbour",
                                                             "focus": "短"})
    assert "不少于5个字" in response.content.decode() and not Booking.objects.exists()


def test_grid_worker_sees_the_resident_picker(client, grid_worker, resident, make_slot, court_on):
    slot = make_slot()
    client.force_login(grid_worker)
    page = client.get(f"/court/slots/{slot.pk}/book/").content.decode()
    assert "当事居民" in page and "张小红" in page and resident.mobile not in page  # masked
    client.post(f"/court/slots/{slot.pk}/book/", {"dispute_type": "labour", "resident": resident.pk,
                                                  "focus": "拖欠工资一万二千元。"})
    assert Booking.objects.get().resident == resident


def test_my_center_link(client, resident, make_slot, court_on):
    services.book(services.BookingRequest(slot_id=make_slot().pk, dispute_type="other",
                                          focus="咨询继承问题。"), resident)
    client.force_login(resident)
    page = client.get("/me/").content.decode()
    assert "我的预约（在线法院）" in page and "1 个待参加" in page


def test_everything_404s_while_disabled(client, resident, judge, make_slot, set_plugin, home_page):
    slot = make_slot()
    set_plugin("reports", True)
    set_plugin("court", False)
    client.force_login(resident)
    for url in ["/court/", "/court/bookings/", "/court/qa/", f"/court/slots/{slot.pk}/book/",
                "/api/court/judges/", "/api/court/slots/", "/api/court/questions/"]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/court/slots/{slot.pk}/book/",
                       {"dispute_type": "other", "focus": "咨询继承问题。"}).status_code == 404
    assert not Booking.objects.exists()


def test_an_unpaired_judges_slot_page_is_not_offered(client, resident, other_judge, make_slot,
                                                     court_on):
    slot = make_slot(for_judge=other_judge)
    client.force_login(resident)
    assert client.get(f"/court/slots/{slot.pk}/book/").status_code == 404
