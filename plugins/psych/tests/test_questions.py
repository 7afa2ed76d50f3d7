"""匿名提问: shown without the asker, answered by counselors, listed once answered."""

from __future__ import annotations

import pytest

from core.notifications.models import Notification
from plugins.psych.models import Question

pytestmark = pytest.mark.django_db


def test_ask_answer_and_list_anonymously(client, resident, counselor, cadre, psych_on):
    client.force_login(resident)
    response = client.post("/psych/questions/", {"title": "晚上睡不着怎么办", "body": "连续一个月失眠"})
    question = Question.objects.get()
    assert question.asker == resident
    assert response["Location"] == f"/psych/questions/{question.pk}/"
    assert "晚上睡不着怎么办" not in client.get("/psych/questions/").content.decode()
    client.force_login(cadre)
    assert client.get(f"/psych/questions/{question.pk}/").status_code == 404
    assert client.post(f"/psych/questions/{question.pk}/", {"text": "x"}).status_code == 404

    client.force_login(counselor)
    assert "晚上睡不着怎么办" in client.get("/psych/desk/").content.decode()
    client.post(f"/psych/questions/{question.pk}/", {"text": "先规律作息，睡前少看手机。"})
    question.refresh_from_db()
    assert question.answered_by == counselor.psych_profile
    assert Notification.objects.filter(recipient=resident, title="您的匿名提问已有回答").exists()

    client.logout()
    listing = client.get("/psych/questions/").content.decode()
    detail = client.get(f"/psych/questions/{question.pk}/").content.decode()
    assert "晚上睡不着怎么办" in listing and "先规律作息" in detail
    for html in (listing, detail):
        assert resident.name not in html and resident.mobile not in html
    assert "匿名居民" in detail


def test_only_counselors_reach_the_desk(client, resident, cadre, admin_user, psych_on):
    for user in (resident, cadre, admin_user):
        client.force_login(user)
        response = client.get("/psych/desk/")
        assert response.status_code == 302 and response["Location"] == "/psych/"
