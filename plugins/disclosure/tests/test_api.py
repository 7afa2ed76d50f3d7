"""/api/disclosure/: postings with lines and revisions, questions and answers, scoped."""

from __future__ import annotations

import pytest

from core.notifications.models import Notification
from plugins.disclosure.models import Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def posting(enabled, make_posting, grid_tree):
    return make_posting(grid_tree["dongzha"], title="2026年第三季度财务收支公开")


def test_list_and_detail_with_lines_totals_and_revisions(client, resident, posting,
                                                         make_posting, grid_tree):
    make_posting(grid_tree["xinxing"], title="新兴社区财务公开")
    client.force_login(resident)
    listing = client.get("/api/disclosure/postings/").json()
    assert [p["title"] for p in listing["results"]] == ["2026年第三季度财务收支公开"]
    item = listing["results"][0]
    assert item["period"] == "2026年第三季度" and item["village"] == "东栅社区"
    assert item["corrections"] == 0
    detail = client.get(f"/api/disclosure/postings/{posting.pk}/").json()
    assert detail["totals"] == {"opening_balance": "100.00", "total_income": "1500.50",
                                "total_expense": "1200.25", "closing_balance": "400.25"}
    assert [line["subject"] for line in detail["income_lines"]] == ["上级转移支付", "村集体经营收入"]
    assert detail["expense_lines"][1] == {"subject": "保洁费", "amount": "400.25", "note": ""}
    assert detail["revisions"][0]["number"] == 1 and not detail["revisions"][0]["is_correction"]


def test_ask_answer_and_notify_through_the_api(client, resident, posting, dongzha_cadre):
    client.force_login(resident)
    asked = client.post(f"/api/disclosure/postings/{posting.pk}/questions/",
                        {"text": "利息收入为什么没有单独列出？", "anonymous": False},
                        content_type="application/json")
    assert asked.status_code == 201
    assert asked.json()["asker"] == resident.name and asked.json()["status"] == "open"
    too_short = client.post(f"/api/disclosure/postings/{posting.pk}/questions/", {"text": "嗯"},
                            content_type="application/json")
    assert too_short.status_code == 400 and too_short.json()["detail"] == "问题太短了，请至少写5个字。"
    refused = client.post(f"/api/disclosure/questions/{asked.json()['id']}/answer/",
                          {"answer": "居民不能答复"}, content_type="application/json")
    assert refused.status_code == 404  # a resident answers for no village

    client.force_login(dongzha_cadre)
    queue = client.get("/api/disclosure/questions/").json()
    assert [q["text"] for q in queue["results"]] == ["利息收入为什么没有单独列出？"]
    empty = client.post(f"/api/disclosure/questions/{asked.json()['id']}/answer/",
                        {"answer": ""}, content_type="application/json")
    assert empty.json()["detail"] == "公开答复时请填写答复内容。"
    answered = client.post(f"/api/disclosure/questions/{asked.json()['id']}/answer/",
                           {"answer": "利息收入已单列在收入明细中。"},
                           content_type="application/json")
    assert answered.status_code == 200
    assert answered.json()["is_official_answer"] and answered.json()["status"] == "answered"
    assert Notification.objects.filter(recipient=resident, source="disclosure").count() == 1
    client.force_login(resident)
    detail = client.get(f"/api/disclosure/postings/{posting.pk}/").json()
    assert detail["questions"][0]["answer"] == "利息收入已单列在收入明细中。"


def test_anonymous_questions_hide_the_asker(client, resident, posting):
    Question.objects.create(posting=posting, asker=resident, text="匿名问一下保洁费。",
                            anonymous=True)
    client.force_login(resident)
    questions = client.get(f"/api/disclosure/postings/{posting.pk}/questions/").json()
    assert questions[0]["asker"] == "匿名居民" and resident.name not in str(questions)


def test_api_needs_a_login(client, posting):
    assert client.get("/api/disclosure/postings/").status_code == 403


def test_openapi_schema_documents_the_routes(client, admin_user, enabled):
    client.force_login(admin_user)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assert "/api/disclosure/postings/{id}/" in paths
    assert "/api/disclosure/questions/{id}/answer/" in paths
    assert "DisclosurePostingDetail" in schema["components"]["schemas"]
