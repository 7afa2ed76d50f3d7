"""Eight taps on 开始答题 at once with one attempt allowed: exactly one attempt."""

import pytest

from core.testing import race
from plugins.quiz import services
from plugins.quiz.models import Attempt

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("concurrent_db")]


def test_eight_concurrent_starts_make_one_attempt(make_quiz, resident, quiz_on):
    quiz = make_quiz(max_attempts=1)
    outcomes = race(lambda i: services.start_attempt(quiz.pk, resident))
    assert Attempt.objects.filter(quiz=quiz, resident=resident).count() == 1
    attempts = [o for o in outcomes if isinstance(o, Attempt)]
    assert attempts and {a.pk for a in attempts} == {Attempt.objects.get(quiz=quiz).pk}, outcomes
    assert all(isinstance(o, Attempt | services.QuizError) for o in outcomes), outcomes
