"""The 嘉心在线 API: scales, slots, booking, cancel, my appointments, messages, questions."""

from __future__ import annotations

import pytest

from plugins.psych.models import Appointment, ScaleResult

pytestmark = pytest.mark.django_db


def test_scales_and_scoring(client, resident, psych_on, make_slot):
    slot = make_slot()
    client.force_login(resident)
    scales = client.get("/api/psych/scales/").json()
    assert [s["code"] for s in scales] == ["phq9", "gad7"]
    assert [c["label"] for c in scales[0]["choices"]] == ["完全不会", "好几天", "一半以上的天数", "几乎每天"]
    data = client.post("/api/psych/scales/gad7/", {"answers": [3, 3, 3, 3, 3, 0, 0]},
                       content_type="application/json").json()
    assert (data["score"], data["band"], data["risk"]) == (15, "重度", False)
    assert data["earliest_slot"]["id"] == slot.pk
    data = client.post("/api/psych/scales/phq9/", {"answers": [0] * 8 + [2]},
                       content_type="application/json").json()
    assert data["risk"] is True and data["band"] == "无/极轻微"
    assert "12356" in [line["number"] for line in data["crisis_lines"]]
    bad = client.post("/api/psych/scales/phq9/", {"answers": [0] * 3}, content_type="application/json")
    assert bad.status_code == 400 and "9" in bad.json()["detail"]
    assert ScaleResult.objects.count() == 2


def test_book_list_message_and_cancel(client, resident, counselor, make_slot, psych_on):
    slot = make_slot()
    client.force_login(resident)
    assert client.get("/api/psych/counselors/").json()[0]["display_name"] == "顾敏老师"
    assert [s["id"] for s in client.get("/api/psych/slots/").json()] == [slot.pk]
    booked = client.post(f"/api/psych/slots/{slot.pk}/book/")
    assert booked.status_code == 201
    pk = booked.json()["id"]
    again = client.post(f"/api/psych/slots/{slot.pk}/book/")
    assert again.status_code == 400 and "已被预约" in again.json()["detail"]
    assert client.get("/api/psych/slots/").json() == []
    assert [a["id"] for a in client.get("/api/psych/appointments/").json()] == [pk]
    sent = client.post(f"/api/psych/appointments/{pk}/messages/", {"text": "您好"},
                       content_type="application/json")
    assert sent.status_code == 201 and sent.json()[0]["body"] == "您好"
    cancelled = client.post(f"/api/psych/appointments/{pk}/cancel/")
    assert cancelled.json()["status"] == "cancelled"
    assert Appointment.objects.get().status == "cancelled"


def test_ask_and_list_questions(client, resident, psych_on):
    client.force_login(resident)
    created = client.post("/api/psych/questions/", {"title": "压力大", "body": "工作压力大"},
                          content_type="application/json")
    assert created.status_code == 201
    assert client.get("/api/psych/questions/").json() == []  # not answered yet


def test_visitors_are_refused_and_schema_names_are_prefixed(client, psych_on):
    assert client.get("/api/psych/scales/").status_code == 403
    schema = client.get("/api/schema/", {"format": "json"}).json()
    paths = [p for p in schema["paths"] if p.startswith("/api/psych/")]
    assert "/api/psych/appointments/{id}/messages/" in paths
    names = [n for n in schema["components"]["schemas"] if "Psych" in n]
    assert "PsychScaleResult" in names
