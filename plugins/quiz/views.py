"""The resident's pages: open quizzes, start, answer, result; the public results board."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.portal.services import reader_grid

from . import services
from .manifest import MANIFEST
from .models import Attempt, Draw, Quiz
from .parsing import LETTERS


@login_required
def index(request: HttpRequest) -> HttpResponse:
    grid = reader_grid(request)
    quizzes = list(services.open_quizzes(grid).select_related("grid"))
    done = {a.quiz_id for a in Attempt.objects.filter(resident=request.user,
                                                      submitted_at__isnull=False)}
    past = list(services.visible_quizzes(grid).filter(closes_at__lte=timezone.now())
                .order_by("-closes_at")[:10])
    return render(request, "quiz/index.html", {
        "manifest": MANIFEST, "quizzes": quizzes, "done": done, "past": past,
        "reader_grid": grid})


def _quiz_for(request: HttpRequest, pk: int) -> Quiz:
    return get_object_or_404(services.visible_quizzes(reader_grid(request)), pk=pk)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    quiz = _quiz_for(request, pk)
    attempts = list(services.attempts_of(quiz, request.user))
    return render(request, "quiz/detail.html", {
        "manifest": MANIFEST, "quiz": quiz, "attempts": attempts,
        "question_count": quiz.questions.count(),
        "can_start": quiz.is_open() and (len(attempts) < quiz.max_attempts or any(
            a.submitted_at is None and not a.is_expired() for a in attempts)),
    })


@login_required
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    quiz = _quiz_for(request, pk)
    try:
        attempt = services.start_attempt(quiz.pk, request.user)
    except services.QuizError as exc:
        messages.error(request, exc.messages[0])
        return redirect("quiz:detail", pk=quiz.pk)
    return redirect("quiz:attempt", pk=attempt.pk)


def _my_attempt(request: HttpRequest, pk: int) -> Attempt:
    return get_object_or_404(Attempt.objects.select_related("quiz"), pk=pk, resident=request.user)


@login_required
def attempt(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = _my_attempt(request, pk)
    if attempt.submitted_at is not None:
        return redirect("quiz:result", pk=attempt.pk)
    if request.method == "POST":
        raw = {key: request.POST.getlist(key) for key in request.POST if key.isdigit()}
        outcome = services.submit(attempt.pk, request.user, raw)
        level = messages.WARNING if outcome.attempt.timed_out else messages.SUCCESS
        messages.add_message(request, level, outcome.message)
        return redirect("quiz:result", pk=attempt.pk)
    questions = [{"question": q, "multiple": q.kind == "multiple",
                  "choices": list(zip(LETTERS, q.choice_list(), strict=False))}
                 for q in services.questions_of(attempt)]
    deadline = attempt.deadline
    return render(request, "quiz/attempt.html", {
        "manifest": MANIFEST, "attempt": attempt, "quiz": attempt.quiz, "questions": questions,
        "deadline": deadline,
        "seconds_left": max(int((deadline - timezone.now()).total_seconds()), 0) if deadline else None,
    })


@login_required
def result(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = _my_attempt(request, pk)
    if attempt.submitted_at is None:
        return redirect("quiz:attempt", pk=attempt.pk)
    rows = []
    for q in services.questions_of(attempt):
        mine = attempt.answers.get(str(q.pk), "")
        rows.append({"question": q, "mine": mine, "right": q.answer and mine == q.answer,
                     "choices": [(LETTERS[i], text, LETTERS[i] in q.answer, LETTERS[i] in mine)
                                 for i, text in enumerate(q.choice_list())]})
    return render(request, "quiz/result.html", {
        "manifest": MANIFEST, "attempt": attempt, "quiz": attempt.quiz, "rows": rows})


def board(request: HttpRequest, pk: int) -> HttpResponse:
    """Public: the leaderboard by community and the published draw with its seed."""
    quiz = get_object_or_404(Quiz.objects.filter(is_published=True), pk=pk)
    record = Draw.objects.filter(quiz=quiz).first()
    return render(request, "quiz/board.html", {
        "manifest": MANIFEST, "quiz": quiz, "board": services.leaderboard(quiz),
        "draw": record, "winners": services.winners_of(record) if record else [],
        "title": _("答题结果公示"),
    })
