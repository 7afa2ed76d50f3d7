"""Scoring, the random subset, the server-side time limit, attempts limit and points."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from core.points.models import PointEntry
from plugins.quiz import services
from plugins.quiz.models import GRACE, Attempt, QuestionKind
from plugins.quiz.tests.conftest import right_answers

pytestmark = pytest.mark.django_db


def test_scoring_single_multiple_true_false(make_quiz, resident, quiz_on):
    quiz = make_quiz()
    single, multiple, true_false = quiz.questions.order_by("sort_order")
    questions = [single, multiple, true_false]
    assert services.score(questions, {str(single.pk): "A", str(multiple.pk): "AB",
                                      str(true_false.pk): "A"}) == (30, 30)
    # Multiple choice only scores with exactly the right letters.
    assert services.score(questions, {str(multiple.pk): "A"}) == (0, 30)
    assert services.score(questions, {str(multiple.pk): "ABC"}) == (0, 30)
    assert services.score(questions, {str(true_false.pk): "B"}) == (0, 30)
    cleaned = services.clean_answers(questions, {str(single.pk): ["A", "B"],
                                                 str(multiple.pk): ["b", "A", "Z"]})
    assert cleaned[str(single.pk)] == "A" and cleaned[str(multiple.pk)] == "AB"


def test_random_subset_size_and_stored_ids(make_quiz, resident, quiz_on):
    questions = [(QuestionKind.TRUE_FALSE, f"第{i}题", "", "A") for i in range(10)]
    quiz = make_quiz(questions=questions, questions_per_attempt=4, max_attempts=5)
    attempt = services.start_attempt(quiz.pk, resident, rng=random.Random(7))
    assert len(attempt.question_ids) == 4 == len(set(attempt.question_ids))
    assert set(attempt.question_ids) <= set(quiz.questions.values_list("pk", flat=True))
    # Resuming returns the same unfinished attempt with the same questions.
    assert services.start_attempt(quiz.pk, resident).pk == attempt.pk


def test_submit_scores_on_server_and_awards_points_once(make_quiz, resident, quiz_on):
    quiz = make_quiz()
    attempt = services.start_attempt(quiz.pk, resident)
    outcome = services.submit(attempt.pk, resident, right_answers(attempt))
    attempt.refresh_from_db()
    assert attempt.score == 30 and attempt.passed and not attempt.timed_out
    assert attempt.points_awarded == 7 and "恭喜合格" in outcome.message
    again = services.submit(attempt.pk, resident, {})
    assert "不能重复提交" in again.message
    keys = set(PointEntry.objects.filter(user=resident).values_list("key", flat=True))
    assert keys == {f"quiz:attempt:{attempt.pk}:take_part", f"quiz:attempt:{attempt.pk}:pass"}


def test_daily_cap_refusal_keeps_attempt_and_explains(make_quiz, resident, quiz_on):
    quiz = make_quiz(max_attempts=5)
    for _ in range(4):
        attempt = services.start_attempt(quiz.pk, resident)
        outcome = services.submit(attempt.pk, resident, {})
    attempt.refresh_from_db()
    assert attempt.submitted_at and attempt.points_awarded == 0  # 3 × 2 = cap 6 reached
    assert attempt.points_note and "积分未发放" in outcome.message
    assert Attempt.objects.filter(quiz=quiz, resident=resident).count() == 4


def test_time_limit_enforced_on_server(make_quiz, resident, quiz_on):
    quiz = make_quiz(time_limit_seconds=60, max_attempts=2)
    attempt = services.start_attempt(quiz.pk, resident)
    late = timezone.now() - timedelta(seconds=60) - GRACE - timedelta(seconds=1)
    Attempt.objects.filter(pk=attempt.pk).update(started_at=late)
    outcome = services.submit(attempt.pk, resident, right_answers(attempt))
    attempt.refresh_from_db()
    assert attempt.timed_out and attempt.score == 0 and not attempt.passed
    assert "超过答题时限" in outcome.message
    assert not PointEntry.objects.filter(user=resident).exists()


def test_submission_within_grace_is_scored(make_quiz, resident, quiz_on):
    quiz = make_quiz(time_limit_seconds=60)
    attempt = services.start_attempt(quiz.pk, resident)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=timezone.now() - timedelta(seconds=65))
    services.submit(attempt.pk, resident, right_answers(attempt))
    attempt.refresh_from_db()
    assert not attempt.timed_out and attempt.score == 30


def test_attempts_limit(make_quiz, resident, quiz_on):
    quiz = make_quiz(max_attempts=2)
    for _ in range(2):
        services.submit(services.start_attempt(quiz.pk, resident).pk, resident, {})
    with pytest.raises(services.QuizError, match="不能再答"):
        services.start_attempt(quiz.pk, resident)


def test_closed_quiz_refuses_start(make_quiz, resident, quiz_on):
    quiz = make_quiz(closed=True)
    with pytest.raises(services.QuizError, match="开放时间"):
        services.start_attempt(quiz.pk, resident)
