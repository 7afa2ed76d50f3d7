"""法治互动 services: ask, answer, publish as FAQ; the only code that writes Q&A.

Moderation: an answer is seen by the asker and staff at once, by the public
only after a staff member with ``court.publish_answer`` whose scope covers the
asker's grid publishes it. Who answers: judges (role) and holders of the badges
named in the plugin settings (律师 by default) — the 三官三师 list is data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.grids.scoping import can_access, scope_queryset
from core.notifications.services import notify

from .conf import answer_badges
from .models import Answer, DisputeType, JudgeProfile, Question
from .services import SOURCE, CourtError

TITLE_MAX, BODY_MAX, ANSWER_MAX = 60, 2000, 4000
PUBLISH_PERMISSION = "court.publish_answer"


def _published_answers() -> Prefetch:
    return Prefetch("answers", queryset=Answer.objects.filter(is_published=True)
                    .select_related("author"), to_attr="public_answers")


def faq() -> QuerySet[Question]:
    """Questions with at least one published answer: the public 常见问题."""
    published = Answer.objects.filter(question=OuterRef("pk"), is_published=True)
    return (Question.objects.filter(Exists(published)).select_related("asker")
            .prefetch_related(_published_answers()).order_by("faq_order", "-created_at"))


def search_faq(terms: list[str], limit: int = 20) -> list[Question]:
    words = [word for word in terms if word]
    if not words:
        return []

    def matches(word: str) -> Q:
        return (Q(title__icontains=word) | Q(body__icontains=word)
                | Q(answers__is_published=True, answers__body__icontains=word))

    condition = Q()
    for word in words:
        condition &= matches(word)
    found = list(faq().filter(pk__in=Question.objects.filter(condition).values("pk"))[:limit])
    if not found and len(words) > 1:
        any_word = Q()
        for word in words:
            any_word |= matches(word)
        found = list(faq().filter(pk__in=Question.objects.filter(any_word).values("pk"))[:limit])
    return found


def open_questions(limit: int = 30) -> list[Question]:
    """Questions nobody has answered yet, oldest first: the answerers' to-do list."""
    answered = Answer.objects.filter(question=OuterRef("pk"))
    return list(Question.objects.exclude(Exists(answered)).order_by("created_at")[:limit])


def can_answer(user: Any, config: Mapping[str, Any] | None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.has_role("judge"):
        return True
    badges = answer_badges(config)
    return bool(badges) and user.badges.filter(name__in=badges).exists()


def author_label(user: Any, config: Mapping[str, Any] | None) -> str:
    judge = JudgeProfile.objects.filter(user=user).first()
    if judge is not None:
        return _("%(unit)s 法官") % {"unit": judge.unit}
    badge = user.badges.filter(name__in=answer_badges(config)).values_list("name", flat=True).first()
    return badge or _("法律工作者")


def question_for(user: Any, pk: int, config: Mapping[str, Any] | None = None) -> Question | None:
    """A question the user may open: public FAQ, their own, any for answerers, or in scope."""
    question = Question.objects.select_related("asker", "grid").filter(pk=pk).first()
    if question is None:
        return None
    if (question.asker_id == getattr(user, "pk", None) or can_answer(user, config)
            or faq().filter(pk=pk).exists()):
        return question
    if getattr(user, "is_staff", False) and question.grid_id and can_access(user, question, "grid"):
        return question
    return None


def answers_for(user: Any, question: Question, config: Mapping[str, Any] | None = None
                ) -> list[Answer]:
    """All answers for the asker, answerers and staff in scope; published ones for others."""
    answers = question.answers.select_related("author")
    sees_all = (question.asker_id == getattr(user, "pk", None) or can_answer(user, config)
                or can_publish(user, question))
    return list(answers if sees_all else answers.filter(is_published=True))


def ask(user: Any, *, title: str, body: str, category: str, anonymous: bool = True) -> Question:
    title, body = (title or "").strip(), (body or "").strip()
    if not title or not body:
        raise CourtError(_("请填写标题和问题描述。"))
    if len(title) > TITLE_MAX:
        raise CourtError(_("标题不能超过%(n)s字。") % {"n": TITLE_MAX})
    if len(body) > BODY_MAX:
        raise CourtError(_("问题描述不能超过%(n)s字。") % {"n": BODY_MAX})
    if category not in DisputeType.values:
        raise CourtError(_("请选择问题类别。"))
    return Question.objects.create(asker=user, grid=user.home_grid, title=title, body=body,
                                   category=category, anonymous=anonymous)


def answer(question_id: int, user: Any, body: str, *,
           config: Mapping[str, Any] | None = None) -> Answer:
    if not can_answer(user, config):
        raise CourtError(_("只有法官和律师等法律工作者可以解答。"))
    body = (body or "").strip()
    if len(body) < 10:
        raise CourtError(_("解答内容不少于10个字。"))
    if len(body) > ANSWER_MAX:
        raise CourtError(_("解答内容不能超过%(n)s字。") % {"n": ANSWER_MAX})
    question = Question.objects.filter(pk=question_id).select_related("asker").first()
    if question is None:
        raise CourtError(_("没有找到该问题。"))
    if question.asker_id == user.pk:
        raise CourtError(_("不能解答自己的提问。"))
    with transaction.atomic():
        created = Answer.objects.create(question=question, author=user, body=body,
                                        author_label=author_label(user, config)[:60])
        notify(question.asker, _("您的法律提问有了解答"),
               _("“%(title)s”收到%(who)s的解答。") % {"title": question.title,
                                                     "who": created.author_label},
               url=f"/court/qa/{question.pk}/", source=SOURCE)
    return created


def can_publish(user: Any, question: Question) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.has_perm(PUBLISH_PERMISSION):
        return False
    return user.is_superuser or (question.grid_id is not None
                                 and can_access(user, question, "grid"))


def answers_to_moderate(user: Any) -> QuerySet[Answer]:
    """Answers in the user's scope (by the asker's grid), unpublished first."""
    if not user.has_perm(PUBLISH_PERMISSION):
        return Answer.objects.none()
    answers = Answer.objects.select_related("question__asker", "question__grid", "author")
    return scope_queryset(user, answers, "question__grid").order_by("is_published", "-created_at")


def set_published(answer_id: int, user: Any, published: bool) -> Answer:
    with transaction.atomic():
        found = (Answer.objects.select_for_update(of=("self",)).select_related("question__asker")
                 .filter(pk=answer_id).first())
        if found is None or not can_publish(user, found.question):
            raise CourtError(_("没有找到该解答，或它不在您的管理范围内。"))
        if found.is_published == published:
            return found
        found.is_published = published
        found.published_at = timezone.now() if published else None
        found.published_by = user if published else None
        found.save(update_fields=["is_published", "published_at", "published_by"])
        log(found, "wagtail.publish" if published else "wagtail.unpublish", user=user,
            data={"question": found.question.title})
        if published:
            notify(found.question.asker, _("您的提问已公开为常见问题"),
                   _("“%(title)s”及其解答已公开，帮助更多居民了解相关法律。") % {
                       "title": found.question.title},
                   url=f"/court/qa/{found.question_id}/", source=SOURCE)
    return found
