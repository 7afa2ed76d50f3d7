"""The resident's flow through the pages: start, answer, submit, see the result."""

from datetime import timedelta

import pytest
from django.utils import timezone

from plugins.quiz.models import GRACE, Attempt

pytestmark = pytest.mark.django_db


def test_start_answer_submit_result(client, resident, make_quiz, quiz_on):
    quiz = make_quiz()
    single, multiple, true_false = quiz.questions.order_by("sort_order")
    client.force_login(resident)
    assert "开始答题" in client.get(f"/quiz/{quiz.pk}/").content.decode()
    response = client.post(f"/quiz/{quiz.pk}/start/")
    attempt = Attempt.objects.get(quiz=quiz, resident=resident)
    assert response.url == f"/quiz/attempts/{attempt.pk}/"
    page = client.get(response.url).content.decode()
    assert page.count('data-testid="question"') == 3 and 'type="checkbox"' in page
    response = client.post(response.url, {str(single.pk): "A", str(multiple.pk): ["A", "B"],
                                          str(true_false.pk): "B"}, follow=True)
    page = response.content.decode()
    assert "得分 20 / 30" in page and "正确答案" in page and "获得 7 积分" in page
    attempt.refresh_from_db()
    assert attempt.passed and attempt.answers[str(true_false.pk)] == "B"


def test_late_submission_page_says_timed_out(client, resident, make_quiz, quiz_on):
    quiz = make_quiz(time_limit_seconds=30)
    client.force_login(resident)
    client.post(f"/quiz/{quiz.pk}/start/")
    attempt = Attempt.objects.get(quiz=quiz)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=timezone.now() - timedelta(seconds=31) - GRACE)
    page = client.post(f"/quiz/attempts/{attempt.pk}/", {}, follow=True).content.decode()
    assert "超过答题时限" in page


def test_another_residents_attempt_is_404(client, make_user, grid_tree, resident, make_quiz,
                                          quiz_on):
    quiz = make_quiz()
    client.force_login(resident)
    client.post(f"/quiz/{quiz.pk}/start/")
    attempt = Attempt.objects.get(quiz=quiz)
    client.force_login(make_user("resident", grid=grid_tree["micro"]))
    assert client.get(f"/quiz/attempts/{attempt.pk}/").status_code == 404
    assert client.post(f"/quiz/attempts/{attempt.pk}/", {}).status_code == 404
