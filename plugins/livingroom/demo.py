"""Demo content for ``load_site --demo``: a starter dictionary, posts, comments and likes.

Idempotent: words are found by their normalised form, posts by (community,
author, title), comments by (post, author, body), likes by (post, user); what
exists is never changed, so moderators' and residents' edits survive a re-run.
Counters are recounted only for posts this run created. Rows are written
directly (the texts are clean, and notifications or points for demo actions
would mislead); times are relative to the first load.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.grids.models import Grid
from core.moderation.models import SensitiveWord
from core.moderation.normalise import normalise

from .demo_data import POSTS, STARTER_WORDS
from .models import Comment, Like, Post, Status
from .services import is_moderator


def load_demo(site: Any) -> None:
    with transaction.atomic():
        _words()
        communities = {g.code: g for g in Grid.objects.filter(code__in={p[0] for p in POSTS})}
        mobiles = {p[1] for p in POSTS} | {c[0] for p in POSTS for c in p[5]} | {
            m for p in POSTS for m in p[6]}
        users = {u.mobile: u for u in get_user_model().objects.filter(mobile__in=mobiles)}
        for item in POSTS:
            _post(item, communities, users)


def _words() -> None:
    existing = set(SensitiveWord.objects.values_list("normalised", flat=True))
    for word, category, action in STARTER_WORDS:
        if normalise(word) not in existing:
            SensitiveWord.objects.create(word=word, category=category, action=action)


def _post(item: tuple, communities: dict[str, Grid], users: dict[str, Any]) -> None:
    code, mobile, days_ago, title, body, comments, likers, status = item
    community, author = communities.get(code), users.get(mobile)
    if community is None or author is None:
        return
    created_at = timezone.now() - timedelta(days=days_ago, hours=3)
    post, created = Post.objects.get_or_create(
        community=community, author=author, title=title,
        defaults={"body": body, "status": status, "created_at": created_at,
                  "last_activity_at": created_at,
                  "hold_words": "加微信" if status == Status.HELD else ""})
    if not created:
        return
    for commenter, text, hours in comments:
        user = users.get(commenter)
        if user is None:
            continue
        Comment.objects.get_or_create(post=post, author=user, body=text, defaults={
            "is_official": is_moderator(user, community),
            "created_at": created_at + timedelta(hours=hours)})
    for liker in likers:
        if liker in users and liker != mobile:
            Like.objects.get_or_create(post=post, user=users[liker])
    post.like_count = post.likes.count()
    post.comment_count = post.comments.filter(status=Status.PUBLISHED).count()
    latest = post.comments.order_by("-created_at").first()
    post.last_activity_at = latest.created_at if latest else created_at
    post.save(update_fields=["like_count", "comment_count", "last_activity_at"])
