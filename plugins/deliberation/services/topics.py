"""议题 and 发表意见; 提出建议 and 附议 (one support per resident, DB-enforced)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from core.grids.models import Grid
from core.grids.scoping import within

from ..models import Opinion, Suggestion, SuggestionStatus, Support, Topic, TopicStatus
from .common import DeliberationError, community_of, in_region, lives_in, screen_text

OPINION_MAX = 1000
SUGGESTION_TITLE_MAX = 80
SUGGESTION_BODY_MAX = 2000


# --- topics and opinions -------------------------------------------------------


def visible_topics(grid: Grid | None) -> QuerySet[Topic]:
    return (Topic.objects.filter(in_region(grid)).select_related("grid")
            .annotate(opinion_count=Count("opinions", filter=Q(opinions__hidden=False))))


def opinions_of(topic: Topic) -> list[Opinion]:
    """Top-level opinions with their visible replies (two queries)."""
    replies = Opinion.objects.filter(hidden=False).select_related("author").order_by("created_at")
    return list(topic.opinions.filter(parent__isnull=True, hidden=False).select_related("author")
                .prefetch_related(Prefetch("replies", queryset=replies)))


def add_opinion(topic_id: int, user: Any, body: str, parent_id: int | None = None) -> Opinion:
    """A resident of the topic's subtree comments; a reply to a reply joins its thread."""
    body = (body or "").strip()
    if not body:
        raise DeliberationError(_("请填写意见内容。"))
    if len(body) > OPINION_MAX:
        raise DeliberationError(_("意见内容不能超过 %(n)s 字。") % {"n": OPINION_MAX})
    topic = Topic.objects.select_related("grid").get(pk=topic_id)
    if topic.status != TopicStatus.OPEN:
        raise DeliberationError(_("该议题已结束征求意见。"))
    if not lives_in(user, topic.grid):
        raise DeliberationError(_("该议题仅限%(grid)s的居民发表意见。") % {"grid": topic.grid.name})
    if not user.is_verified:
        raise DeliberationError(_("请先完成实名认证再发表意见。"))
    held = screen_text(body)  # before any write: a blocked word saves nothing
    parent = None
    if parent_id:
        parent = Opinion.objects.filter(pk=parent_id, topic=topic, hidden=False).first()
        if parent is None:
            raise DeliberationError(_("要回复的意见不存在或已被屏蔽。"))
        parent = parent.parent or parent  # threads stay one level deep on a phone screen
    opinion = Opinion.objects.create(topic=topic, parent=parent, author=user, body=body,
                                     hidden=bool(held))
    opinion.held_message = held  # the views tell the author it awaits review
    return opinion


# --- suggestions and supports --------------------------------------------------


def with_supports(queryset: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    return queryset.annotate(support_count=Count("supports")).select_related("author", "grid")


def visible_suggestions(grid: Grid | None) -> QuerySet[Suggestion]:
    """Suggestions made anywhere in the reader's community (村社), with support counts."""
    community = community_of(grid)
    if community is None:
        return with_supports(Suggestion.objects.none())
    return with_supports(Suggestion.objects.filter(within(community), hidden=False))


def ranked(queryset: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    """Most supported first; older first among equals (it has waited longer)."""
    return queryset.order_by("-support_count", "created_at", "pk")


def make_suggestion(user: Any, title: str, body: str) -> Suggestion:
    title, body = (title or "").strip(), (body or "").strip()
    if not title or not body:
        raise DeliberationError(_("请填写建议标题和内容。"))
    if len(title) > SUGGESTION_TITLE_MAX or len(body) > SUGGESTION_BODY_MAX:
        raise DeliberationError(_("标题不超过 %(t)s 字，内容不超过 %(b)s 字。") % {
            "t": SUGGESTION_TITLE_MAX, "b": SUGGESTION_BODY_MAX})
    if user.home_grid is None:
        raise DeliberationError(_("请先选择居住网格，再提出建议。"))
    if not user.is_verified:
        raise DeliberationError(_("请先完成实名认证再提出建议。"))
    held = screen_text(title, body)
    suggestion = Suggestion.objects.create(author=user, grid=user.home_grid, title=title,
                                           body=body, hidden=bool(held))
    suggestion.held_message = held
    return suggestion


def support(suggestion_id: int, user: Any) -> Support:
    """附议 once: the unique (suggestion, supporter) constraint is the final word."""
    suggestion = Suggestion.objects.select_related("grid").get(pk=suggestion_id)
    if suggestion.author_id == user.pk:
        raise DeliberationError(_("不能附议自己提出的建议。"))
    if suggestion.hidden:
        raise DeliberationError(_("该建议正在审核，暂不能附议。"))
    if suggestion.status != SuggestionStatus.PENDING:
        raise DeliberationError(_("该建议已处理，不再接受附议。"))
    community = community_of(user.home_grid)
    if community is None or not suggestion.grid.is_within(community):
        raise DeliberationError(_("只能附议本区域居民的建议。"))
    if not user.is_verified:
        raise DeliberationError(_("请先完成实名认证再附议。"))
    try:
        with transaction.atomic():
            return Support.objects.create(suggestion=suggestion, supporter=user)
    except IntegrityError:
        raise DeliberationError(_("您已附议过这条建议。")) from None
