"""The quiz API: list, start, submit (scored on the server), result; documented."""

from datetime import timedelta

import pytest
from django.utils import timezone

from plugins.quiz.models import GRACE, Attempt

pytestmark = pytest.mark.django_db


def test_list_start_submit_result(client, resident, make_quiz, quiz_on):
    quiz = make_quiz()
    make_quiz("新兴社区竞答", grid="xinxing")
    client.force_login(resident)
    listing = client.get("/api/quiz/quizzes/").json()
    assert [q["title"] for q in listing] == ["国安在线"]
    started = client.post(f"/api/quiz/quizzes/{quiz.pk}/start/").json()
    assert len(started["questions"]) == 3 and "answer" not in started["questions"][0]
    single, multiple, true_false = started["questions"]
    assert true_false["choices"] == ["正确", "错误"]
    result = client.post(f"/api/quiz/attempts/{started['id']}/submit/", {"answers": {
        str(single["id"]): ["A"], str(multiple["id"]): ["B", "A"], str(true_false["id"]): ["A"]}},
        content_type="application/json").json()
    assert result["score"] == 30 and result["passed"] and result["points"] == 7
    assert result["correct_answers"][str(multiple["id"])] == "AB"
    again = client.get(f"/api/quiz/attempts/{started['id']}/result/").json()
    assert again["score"] == 30 and again["answers"][str(multiple["id"])] == "AB"
    refused = client.post(f"/api/quiz/quizzes/{quiz.pk}/start/")
    assert refused.status_code == 400 and "不能再答" in refused.json()["detail"]


def test_api_time_limit_and_unsubmitted_result(client, resident, make_quiz, quiz_on):
    quiz = make_quiz(time_limit_seconds=60)
    client.force_login(resident)
    started = client.post(f"/api/quiz/quizzes/{quiz.pk}/start/").json()
    assert started["deadline"]
    assert client.get(f"/api/quiz/attempts/{started['id']}/result/").status_code == 400
    Attempt.objects.filter(pk=started["id"]).update(
        started_at=timezone.now() - timedelta(seconds=61) - GRACE)
    result = client.post(f"/api/quiz/attempts/{started['id']}/submit/", {"answers": {}},
                         content_type="application/json").json()
    assert result["timed_out"] and result["score"] == 0 and "超过答题时限" in result["detail"]


def test_anonymous_refused_and_schema_documents_routes(client, quiz_on):
    assert client.get("/api/quiz/quizzes/").status_code == 403
    schema = client.get("/api/schema/", {"format": "json"}).json()
    for path in ("/api/quiz/quizzes/", "/api/quiz/quizzes/{id}/start/",
                 "/api/quiz/attempts/{id}/submit/", "/api/quiz/attempts/{id}/result/"):
        assert path in schema["paths"], path
    assert {"QuizSummary", "QuizAttempt", "QuizResult", "QuizSubmitRequest"} <= set(
        schema["components"]["schemas"])
