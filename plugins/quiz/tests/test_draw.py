"""The 锦鲤 draw: only after closing, among those who passed, recomputable by anyone."""

import hashlib
import random
import re

import pytest

from plugins.quiz import services
from plugins.quiz.models import Attempt, Draw

pytestmark = pytest.mark.django_db


def _participants(quiz, make_user, grid_tree, passed: int, failed: int) -> list:
    users = []
    for i in range(passed + failed):
        user = make_user("resident", grid=grid_tree["micro" if i % 2 else "xgrid"])
        Attempt.objects.create(quiz=quiz, resident=user, number=1, submitted_at=quiz.closes_at,
                               score=30 if i < passed else 0, max_score=30, passed=i < passed,
                               grid=user.home_grid)
        users.append(user)
    return users


def test_draw_is_reproducible_from_published_data(client, make_user, grid_tree, make_quiz,
                                                  admin_user, quiz_on):
    quiz = make_quiz(closed=True)
    users = _participants(quiz, make_user, grid_tree, passed=7, failed=3)
    record = services.draw(quiz.pk, 3, admin_user)
    assert record.participant_ids == sorted(u.pk for u in users[:7])
    assert len(record.winner_ids) == 3 and set(record.winner_ids) <= set(record.participant_ids)

    page = client.get(f"/quiz/{quiz.pk}/board/").content.decode()
    seed = re.search(r'data-testid="seed">([0-9a-f]{64})<', page).group(1)
    ids = [int(x) for x in re.search(r'data-testid="participants">([\d,]+)<', page).group(1)
           .split(",")]
    closes = re.search(r"截止时间（ISO）：<code>([^<]+)</code>", page).group(1)
    # Recompute exactly as the published method says, without the plugin's code.
    expected_seed = hashlib.sha256(f"{quiz.pk}|{closes}|{','.join(map(str, ids))}".encode())
    assert seed == expected_seed.hexdigest()
    assert random.Random(int(seed, 16)).sample(sorted(ids), 3) == record.winner_ids
    assert "新兴社区" in page and "东栅社区" in page  # the leaderboard by community


def test_draw_refused_before_close_twice_or_without_participants(make_user, grid_tree, make_quiz,
                                                                 admin_user, quiz_on):
    open_quiz = make_quiz()
    with pytest.raises(services.QuizError, match="截止后"):
        services.draw(open_quiz.pk, 1, admin_user)
    empty = make_quiz("无人合格", closed=True)
    _participants(empty, make_user, grid_tree, passed=0, failed=2)
    with pytest.raises(services.QuizError, match="没有符合条件"):
        services.draw(empty.pk, 1, admin_user)
    quiz = make_quiz("平安锦鲤", closed=True)
    _participants(quiz, make_user, grid_tree, passed=2, failed=0)
    assert len(services.draw(quiz.pk, 5, admin_user).winner_ids) == 2
    with pytest.raises(services.QuizError, match="已经抽过奖"):
        services.draw(quiz.pk, 1, admin_user)
    assert Draw.objects.count() == 1


def test_staff_draw_from_admin_needs_permission(client, cadre, grid_worker, make_user, grid_tree,
                                                make_quiz, quiz_on):
    quiz = make_quiz(closed=True, grid="grid1")  # within both the worker's and cadre's scope
    _participants(quiz, make_user, grid_tree, passed=3, failed=0)
    url = f"/admin/quiz/quizzes/{quiz.pk}/results/"
    client.force_login(grid_worker)
    assert client.post(url, {"count": "1"}).status_code in (302, 403)  # Wagtail: redirect
    assert not Draw.objects.exists()
    client.force_login(cadre)
    response = client.post(url, {"count": "2"}, follow=True)
    assert "抽奖完成" in response.content.decode()
    assert len(Draw.objects.get(quiz=quiz).winner_ids) == 2
