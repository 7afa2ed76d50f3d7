"""Starting, submitting and scoring attempts; points; aggregation; the lucky draw.

Attempts limit: ``start_attempt`` locks the resident's row (``select_for_update``
on PostgreSQL; SQLite transactions are ``BEGIN IMMEDIATE``) and counts attempts
inside that transaction; the unique (quiz, resident, number) is the backstop.

Time limit: ``submit`` compares the server's clock with ``started_at`` stored at
start; a late submission is recorded as timed out with no score and no points.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.grids.models import Grid
from core.points.errors import PointsError
from core.points.services import apply_rule

from .manifest import RULE_PASS, RULE_TAKE_PART
from .models import Attempt, Draw, Question, QuestionKind, Quiz
from .parsing import LETTERS

DRAW_METHOD = ("seed = sha256(\"<quiz id>|<closes_at ISO 8601>|<participant ids, ascending, "
               "comma separated>\"); winners = random.Random(int(seed, 16))"
               ".sample(participant ids ascending, N) (Python 3)")


class QuizError(ValidationError):
    """An action that was refused; nothing was changed. The message is for residents."""


@dataclass(frozen=True)
class Outcome:
    attempt: Attempt
    message: str


# --- what a resident sees ------------------------------------------------------


def visible_quizzes(grid: Grid | None) -> QuerySet[Quiz]:
    """Published quizzes aimed at ``grid`` or any node above it."""
    if grid is None:
        return Quiz.objects.none()
    return Quiz.objects.filter(is_published=True, grid__path__in=grid.chain_paths())


def open_quizzes(grid: Grid | None) -> QuerySet[Quiz]:
    now = timezone.now()
    return visible_quizzes(grid).filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")


def attempts_of(quiz: Quiz, user: Any) -> QuerySet[Attempt]:
    return Attempt.objects.filter(quiz=quiz, resident=user).order_by("number")


def questions_of(attempt: Attempt) -> list[Question]:
    """The attempt's questions in the order drawn."""
    by_id = {q.pk: q for q in Question.objects.filter(pk__in=attempt.question_ids)}
    return [by_id[pk] for pk in attempt.question_ids if pk in by_id]


# --- start and submit ----------------------------------------------------------


def start_attempt(quiz_id: int, user: Any, *, rng: random.Random | None = None) -> Attempt:
    """Resume the resident's unfinished attempt, or start a new one within the limit."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        quiz = Quiz.objects.get(pk=quiz_id)
        if not quiz.is_open():
            raise QuizError(_("该答题不在开放时间内。"))
        attempts = list(attempts_of(quiz, user))
        unfinished = [a for a in attempts if a.submitted_at is None and not a.is_expired()]
        if unfinished:
            return unfinished[0]
        if len(attempts) >= quiz.max_attempts:
            raise QuizError(_("您已答完 %(n)s 次，不能再答了。") % {"n": quiz.max_attempts})
        ids = list(quiz.questions.order_by("sort_order", "pk").values_list("pk", flat=True))
        if not ids:
            raise QuizError(_("该答题还没有题目。"))
        count = quiz.questions_per_attempt
        if count and count < len(ids):
            ids = (rng or random.SystemRandom()).sample(ids, count)
        try:
            with transaction.atomic():
                return Attempt.objects.create(quiz=quiz, resident=user, number=len(attempts) + 1,
                                              grid=user.home_grid, question_ids=ids)
        except IntegrityError:
            raise QuizError(_("请勿重复提交。")) from None


def clean_answers(questions: list[Question], raw: dict[str, Any]) -> dict[str, str]:
    """{question id: letters} keeping only valid letters for each drawn question."""
    answers = {}
    for question in questions:
        value = raw.get(str(question.pk), "")
        values = value if isinstance(value, list | tuple) else [value]
        allowed = LETTERS[:len(question.choice_list())]
        letters = sorted({str(v).strip().upper() for v in values} & set(allowed))
        if question.kind != QuestionKind.MULTIPLE:
            letters = letters[:1]
        answers[str(question.pk)] = "".join(letters)
    return answers


def score(questions: list[Question], answers: dict[str, str]) -> tuple[int, int]:
    """(score, maximum): a question scores only when the letters match exactly."""
    total = maximum = 0
    for question in questions:
        if not question.answer:
            continue
        maximum += question.score
        if answers.get(str(question.pk), "") == question.answer:
            total += question.score
    return total, maximum


def submit(attempt_id: int, user: Any, raw_answers: dict[str, Any]) -> Outcome:
    with transaction.atomic():
        attempt = (Attempt.objects.select_for_update().select_related("quiz")
                   .get(pk=attempt_id, resident=user))
        if attempt.submitted_at is not None:
            return Outcome(attempt, _("本次作答已提交，不能重复提交。"))
        quiz = attempt.quiz
        now = timezone.now()
        attempt.submitted_at = now
        questions = questions_of(attempt)
        attempt.answers = clean_answers(questions, raw_answers)
        if attempt.is_expired(now):
            attempt.timed_out = True
            attempt.score, attempt.passed = 0, False
            attempt.max_score = score(questions, {})[1]
            attempt.save()
            return Outcome(attempt, _("已超过答题时限，本次作答按超时处理，不计分。"))
        attempt.score, attempt.max_score = score(questions, attempt.answers)
        attempt.passed = not quiz.is_survey and attempt.score >= quiz.pass_score
        _award(attempt, quiz)
        attempt.save()
    if quiz.is_survey:
        message = _("感谢参与问卷！")
    elif attempt.passed:
        message = _("恭喜合格！得分 %(score)s 分。") % {"score": attempt.score}
    else:
        message = _("得分 %(score)s 分，未达合格分 %(pass)s 分。") % {
            "score": attempt.score, "pass": quiz.pass_score}
    if attempt.points_awarded:
        message += _("获得 %(points)s 积分。") % {"points": attempt.points_awarded}
    if attempt.points_note:
        message += _("积分未发放：%(why)s") % {"why": attempt.points_note}
    return Outcome(attempt, message)


def _award(attempt: Attempt, quiz: Quiz) -> None:
    """Points for taking part and for passing; a refusal never undoes the attempt."""
    rules = [(RULE_TAKE_PART, "take_part")]
    if attempt.passed:
        rules.append((RULE_PASS, "pass"))
    notes = []
    for code, suffix in rules:
        try:
            with transaction.atomic():  # a savepoint: a refusal keeps the attempt
                entry = apply_rule(attempt.resident, code, key=f"quiz:attempt:{attempt.pk}:{suffix}",
                                   target=attempt,
                                   reason=_("安全答题：%(title)s") % {"title": quiz.title})
        except PointsError as exc:
            notes.append(exc.messages[0])
        else:
            attempt.points_awarded += entry.amount
    attempt.points_note = "；".join(notes)[:200]


# --- results, leaderboard and draw ----------------------------------------------


def submitted(quiz: Quiz) -> QuerySet[Attempt]:
    return quiz.attempts.filter(submitted_at__isnull=False, timed_out=False)


def question_stats(quiz: Quiz) -> list[dict[str, Any]]:
    """Per question: each choice with how many answered it (and whether it is correct)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for answers in submitted(quiz).values_list("answers", flat=True):
        for qid, letters in answers.items():
            counts[qid].update(letters)
    rows = []
    for question in quiz.questions.order_by("sort_order", "pk"):
        tally = counts[str(question.pk)]
        rows.append({"question": question, "choices": [
            {"letter": LETTERS[i], "text": text, "count": tally[LETTERS[i]],
             "correct": LETTERS[i] in question.answer}
            for i, text in enumerate(question.choice_list())]})
    return rows


def community_of(grid: Grid | None) -> Grid | None:
    if grid is None:
        return None
    chain = grid.chain()
    return next((node for node in chain if node.level == "community"), chain[-1])


def leaderboard(quiz: Quiz) -> list[dict[str, Any]]:
    """Per community: participants and their average best score, best first."""
    best: dict[int, Attempt] = {}
    for attempt in submitted(quiz).select_related("grid"):
        if attempt.resident_id not in best or attempt.score > best[attempt.resident_id].score:
            best[attempt.resident_id] = attempt
    groups: dict[Any, list[int]] = defaultdict(list)
    names: dict[Any, str] = {}
    for attempt in best.values():
        community = community_of(attempt.grid)
        key = community.pk if community else None
        names[key] = community.name if community else _("未填写网格")
        groups[key].append(attempt.score)
    rows = [{"grid": names[key], "participants": len(scores),
             "average": round(sum(scores) / len(scores), 1)} for key, scores in groups.items()]
    return sorted(rows, key=lambda r: (-r["average"], -r["participants"], r["grid"]))


def qualifying_ids(quiz: Quiz) -> list[int]:
    rows = submitted(quiz)
    if not quiz.is_survey:
        rows = rows.filter(passed=True)
    return sorted(set(rows.values_list("resident_id", flat=True)))


def draw_seed(quiz_id: int, closes_at, participant_ids: list[int]) -> str:
    text = f"{quiz_id}|{closes_at.isoformat()}|{','.join(map(str, sorted(participant_ids)))}"
    return hashlib.sha256(text.encode()).hexdigest()


def pick_winners(seed: str, participant_ids: list[int], count: int) -> list[int]:
    ids = sorted(participant_ids)
    return random.Random(int(seed, 16)).sample(ids, min(count, len(ids)))


def draw(quiz_id: int, count: int, actor: Any) -> Draw:
    with transaction.atomic():
        quiz = Quiz.objects.select_for_update().get(pk=quiz_id)
        if Draw.objects.filter(quiz=quiz).exists():
            raise QuizError(_("该答题已经抽过奖，结果已公布。"))
        if not quiz.is_closed():
            raise QuizError(_("答题截止后才能抽奖。"))
        if count < 1:
            raise QuizError(_("中奖人数至少为 1。"))
        ids = qualifying_ids(quiz)
        if not ids:
            raise QuizError(_("没有符合条件的参与者。"))
        seed = draw_seed(quiz.pk, quiz.closes_at, ids)
        return Draw.objects.create(
            quiz=quiz, winners_count=count, seed=seed, method=DRAW_METHOD, participant_ids=ids,
            winner_ids=pick_winners(seed, ids, count), drawn_by=actor)


def masked_name(name: str) -> str:
    return (name[:1] + "*" * max(len(name) - 1, 1)) if name else "*"


def winners_of(record: Draw) -> list[dict[str, Any]]:
    users = get_user_model().objects.in_bulk(record.winner_ids)
    return [{"id": pk, "name": masked_name(users[pk].name) if pk in users else "*"}
            for pk in record.winner_ids]
