"""Quiz fixtures: quizzes with questions on the shared test grid tree (times relative to now)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from plugins.quiz.models import Question, QuestionKind, Quiz, QuizMode


@pytest.fixture(autouse=True)
def _quiz_registered(plugin_host):
    """Re-register this plugin if an earlier test in the process unregistered it."""
    if plugin_host.pm.get_plugin("quiz") is None:
        plugin_host.register_app(apps.get_app_config("quiz"))
        plugin_host.forget_snapshot()


@pytest.fixture
def quiz_on(set_plugin, home_page):
    """The plugin enabled site-wide, and a default Site for the points ledger."""
    set_plugin("quiz", True)
    return home_page


QUESTIONS = [
    (QuestionKind.SINGLE, "全民国家安全教育日是每年的哪一天？", "4月15日\n3月15日\n12月4日", "A"),
    (QuestionKind.MULTIPLE, "哪些是电信网络诈骗？", "刷单返利\n冒充客服退款\n银行柜台办理业务", "AB"),
    (QuestionKind.TRUE_FALSE, "国家安全机关举报受理电话是12339。", "", "A"),
]


@pytest.fixture
def make_quiz(grid_tree) -> Callable[..., Quiz]:
    def make(title: str = "国安在线", grid: str = "dongzha", questions=QUESTIONS,
             closed: bool = False, **fields: Any) -> Quiz:
        now = timezone.now()
        fields.setdefault("mode", QuizMode.QUIZ)
        fields.setdefault("pass_score", 20)
        quiz = Quiz.objects.create(
            title=title, grid=grid_tree[grid],
            opens_at=now - timedelta(days=3 if closed else 1),
            closes_at=now - timedelta(days=1) if closed else now + timedelta(days=7), **fields)
        for order, (kind, text, choices, answer) in enumerate(questions):
            Question.objects.create(quiz=quiz, kind=kind, text=text, choices=choices, answer=answer,
                                  score=10, sort_order=order)
        return quiz

    return make


@pytest.fixture
def cadre(make_user, grid_tree):
    """A community cadre answering for 东栅社区."""
    return make_user("cadre", grid=grid_tree["micro"], scope=grid_tree["dongzha"], name="朱丽萍")


@pytest.fixture
def other_cadre(make_user, grid_tree):
    """A cadre of 新兴社区: must not see 东栅社区's quizzes."""
    return make_user("cadre", grid=grid_tree["xgrid"], scope=grid_tree["xinxing"], name="钱晓燕")


def right_answers(attempt) -> dict[str, list[str]]:
    from plugins.quiz.services import questions_of

    return {str(q.pk): list(q.answer) for q in questions_of(attempt)}
