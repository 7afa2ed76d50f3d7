"""Counselling records: the note only to its counselor, the conversation only to the two
people in it. A cadre, a superuser and another counselor are refused everywhere, and
nothing is stored in plain text."""

from __future__ import annotations

import pytest
from django.db import connection

from plugins.psych import services
from plugins.psych.models import Appointment, Message

pytestmark = pytest.mark.django_db

SECRET_MESSAGE = "最近总是失眠心慌"
SECRET_NOTE = "来访者提到家庭矛盾"


@pytest.fixture
def session(appointment, resident, counselor):
    services.send_message(appointment, resident, SECRET_MESSAGE)
    services.save_note(appointment.pk, counselor, SECRET_NOTE)
    return appointment


@pytest.fixture(params=["cadre", "admin_user", "other_counselor"])
def outsider(request):
    return request.getfixturevalue(request.param)


def test_the_two_participants_see_the_conversation(client, session, resident, counselor,
                                                   psych_on):
    client.force_login(resident)
    html = client.get(f"/psych/appointments/{session.pk}/").content.decode()
    assert SECRET_MESSAGE in html and SECRET_NOTE not in html
    client.force_login(counselor)
    html = client.get(f"/psych/appointments/{session.pk}/").content.decode()
    assert SECRET_MESSAGE in html and SECRET_NOTE in html
    client.post(f"/psych/appointments/{session.pk}/message/", {"text": "我们周二聊聊"})
    client.force_login(resident)
    data = client.get(f"/api/psych/appointments/{session.pk}/messages/").json()
    assert [m["body"] for m in data] == [SECRET_MESSAGE, "我们周二聊聊"]
    assert [m["mine"] for m in data] == [True, False]


def test_outsiders_are_refused_on_every_route(client, session, outsider, psych_on):
    pk = session.pk
    client.force_login(outsider)
    assert client.get(f"/psych/appointments/{pk}/").status_code == 404
    for url in [f"/psych/appointments/{pk}/cancel/", f"/psych/appointments/{pk}/message/",
                f"/psych/appointments/{pk}/note/", f"/api/psych/appointments/{pk}/cancel/"]:
        assert client.post(url, {"text": "x"}).status_code == 404, url
    assert client.get(f"/api/psych/appointments/{pk}/messages/").status_code == 404
    assert client.post(f"/api/psych/appointments/{pk}/messages/", {"text": "x"}).status_code == 404
    assert client.get("/api/psych/appointments/").json() == []
    for url in ["/psych/mine/", "/psych/desk/", "/admin/", "/api/schema/"]:
        response = client.get(url)
        assert SECRET_MESSAGE not in response.content.decode(), url
    session.refresh_from_db()
    assert session.status == "booked" and session.note == SECRET_NOTE
    assert Message.objects.count() == 1


def test_the_resident_cannot_write_the_note(client, session, resident, psych_on):
    client.force_login(resident)
    assert client.post(f"/psych/appointments/{session.pk}/note/", {"text": "x"}).status_code == 404
    session.refresh_from_db()
    assert session.note == SECRET_NOTE


def test_no_admin_registration_for_records(client, admin_user, psych_on):
    client.force_login(admin_user)
    for url in ["/admin/psych/", "/admin/snippets/psych/message/", "/admin/snippets/psych/appointment/"]:
        assert client.get(url).status_code == 404, url


def test_notes_and_messages_are_encrypted_at_rest(session):
    with connection.cursor() as cursor:
        cursor.execute("SELECT note_encrypted FROM psych_appointment WHERE id = %s", [session.pk])
        (raw_note,) = cursor.fetchone()
        cursor.execute("SELECT body_encrypted FROM psych_message")
        (raw_body,) = cursor.fetchone()
    assert SECRET_NOTE not in raw_note and SECRET_MESSAGE not in raw_body
    assert raw_note.startswith("gAAAA") and raw_body.startswith("gAAAA")  # Fernet tokens
    assert Appointment.objects.get(pk=session.pk).note == SECRET_NOTE
    assert Message.objects.get().body == SECRET_MESSAGE
