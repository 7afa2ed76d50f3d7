"""The JSON API mirrors the pages: same services, same Chinese refusals, same scoping."""

from __future__ import annotations

from datetime import timedelta

import pytest

from plugins.court import faq
from plugins.court.models import Answer, Booking, BookingStatus

pytestmark = pytest.mark.django_db


def test_judges_slots_book_list_and_cancel(client, resident, judge, other_judge, make_slot,
                                           court_on):
    slot = make_slot(starts_in=timedelta(days=3))
    make_slot(for_judge=other_judge)
    client.force_login(resident)
    judges = client.get("/api/court/judges/").json()
    assert [j["name"] for j in judges] == ["金慧"] and judges[0]["paired_grids"] == ["东栅社区"]
    slots = client.get("/api/court/slots/").json()["results"]
    assert [s["id"] for s in slots] == [slot.pk] and slots[0]["kind_label"] == "法律咨询"

    response = client.post("/api/court/bookings/", {"slot": slot.pk, "dispute_type": "neighbour",
                                                    "focus": "邻居砌花坛挡住通道。"},
                           content_type="application/json")
    assert response.status_code == 201, response.json()
    booking_id = response.json()["id"]
    assert response.json()["status"] == "booked"
    again = client.post("/api/court/bookings/", {"slot": slot.pk, "dispute_type": "neighbour",
                                                 "focus": "邻居砌花坛挡住通道。"},
                        content_type="application/json")
    assert again.status_code == 400 and "已被预约" in again.json()["detail"]
    assert [b["id"] for b in client.get("/api/court/bookings/").json()["results"]] == [booking_id]
    response = client.post(f"/api/court/bookings/{booking_id}/cancel/")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def test_api_refusals_are_chinese_and_save_nothing(client, resident, other_judge, make_slot,
                                                   court_on):
    client.force_login(resident)
    response = client.post("/api/court/bookings/", {"slot": make_slot(for_judge=other_judge).pk,
                                                    "dispute_type": "other",
                                                    "focus": "咨询继承问题。"},
                           content_type="application/json")
    assert response.status_code == 400 and "结对的法官" in response.json()["detail"]
    response = client.post("/api/court/bookings/", {"slot": 1, "dispute_type": "other"},
                           content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"].startswith("纠纷焦点：")
    assert not Booking.objects.exists()


def test_api_cutoff(client, resident, make_slot, court_on):
    client.force_login(resident)
    slot = make_slot(starts_in=timedelta(hours=5))
    booking = client.post("/api/court/bookings/", {"slot": slot.pk, "dispute_type": "other",
                                                   "focus": "咨询继承问题。"},
                          content_type="application/json").json()
    response = client.post(f"/api/court/bookings/{booking['id']}/cancel/")
    assert response.status_code == 400 and "不足24小时" in response.json()["detail"]
    assert Booking.objects.get().status == BookingStatus.BOOKED


def test_someone_elses_booking_404s(client, resident, make_user, grid_tree, make_slot, court_on):
    client.force_login(resident)
    booking = client.post("/api/court/bookings/", {"slot": make_slot().pk, "dispute_type": "other",
                                                   "focus": "咨询继承问题。"},
                          content_type="application/json").json()
    client.force_login(make_user("resident", grid=grid_tree["micro"]))
    assert client.post(f"/api/court/bookings/{booking['id']}/cancel/").status_code == 404


def test_questions_answers_and_publication(client, resident, judge, reviewer, make_user,
                                           grid_tree, court_on):
    client.force_login(resident)
    asked = client.post("/api/court/questions/", {"category": "support", "title": "子女不赡养老人怎么办",
                                                  "body": "三个儿子都不愿意出赡养费。"},
                        content_type="application/json")
    assert asked.status_code == 201
    pk = asked.json()["id"]
    client.force_login(judge.user)
    answered = client.post(f"/api/court/questions/{pk}/answers/",
                           {"body": "成年子女对父母负有赡养、扶助和保护的义务。"},
                           content_type="application/json")
    assert answered.status_code == 201
    client.force_login(resident)
    mine = client.get("/api/court/questions/mine/").json()["results"]
    assert mine[0]["answers"][0]["is_published"] is False
    assert client.get("/api/court/questions/").json()["results"] == []
    stranger = make_user("resident", grid=grid_tree["xgrid"])
    client.force_login(stranger)
    assert client.get(f"/api/court/questions/{pk}/").status_code == 404
    assert client.post(f"/api/court/answers/{answered.json()['id']}/publish/").status_code == 404
    client.force_login(reviewer)
    response = client.post(f"/api/court/answers/{answered.json()['id']}/publish/",
                           {"published": True}, content_type="application/json")
    assert response.status_code == 200 and Answer.objects.get().is_published
    client.force_login(stranger)
    faq_list = client.get("/api/court/questions/").json()["results"]
    assert faq_list[0]["title"] == "子女不赡养老人怎么办" and faq_list[0]["asker"] == "匿名居民"


def test_resident_cannot_answer_through_the_api(client, resident, make_user, grid_tree, court_on):
    question = faq.ask(resident, title="物业费能不交吗", body="电梯经常坏。", category="property_fee")
    client.force_login(make_user("resident", grid=grid_tree["micro"]))
    response = client.post(f"/api/court/questions/{question.pk}/answers/",
                           {"body": "可以不交物业费，因为服务不到位。"}, content_type="application/json")
    assert response.status_code in (400, 404) and not Answer.objects.exists()


def test_schema_includes_the_court_api(client, admin_user, court_on):
    client.force_login(admin_user)
    schema = client.get("/api/schema/").content.decode()
    for operation in ("court_book", "court_booking_cancel", "court_faq_list", "court_cases",
                      "court_case_outcome", "court_answer_publish"):
        assert operation in schema, operation
