"""Hook implementations: thin, they delegate to views, services and demo."""

from __future__ import annotations

from functools import reduce
from operator import and_, or_
from typing import Any

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.plugins.hookspecs import hookimpl
from core.plugins.types import HomePanel, NavLink, SearchHit

HOME_PANEL_SIZE = 3
SEARCH_LIMIT = 20

LOG_ACTIONS = (
    ("livingroom.approved", gettext_lazy("会客厅内容通过/恢复"), gettext_lazy("内容已通过审核或恢复显示")),
    ("livingroom.hidden", gettext_lazy("隐藏会客厅内容"), gettext_lazy("内容已隐藏")),
    ("livingroom.deleted", gettext_lazy("删除会客厅内容"), gettext_lazy("内容已删除")),
    ("livingroom.edited", gettext_lazy("编辑会客厅内容"), gettext_lazy("管理员编辑了内容（原文已保留）")),
    ("livingroom.auto_hidden", gettext_lazy("举报自动隐藏"), gettext_lazy("多人举报，内容已自动隐藏")),
    ("livingroom.banned", gettext_lazy("会客厅禁言"), gettext_lazy("居民已被禁言")),
    ("livingroom.unbanned", gettext_lazy("解除会客厅禁言"), gettext_lazy("禁言已提前解除")),
)


def _register_log_actions(actions) -> None:
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hookimpl
def register_urls():
    from .urls import urlpatterns

    return urlpatterns


@hookimpl
def register_api_urls():
    from .api import urlpatterns

    return urlpatterns


@hookimpl
def register_admin_viewsets():
    # Plugins have no wagtail_hooks.py; the audit-log labels are registered here, once
    # per process at start-up, so the history views name our actions in Chinese.
    from wagtail import hooks as wagtail_hooks

    from .viewsets import admin_viewsets

    wagtail_hooks.register("register_log_actions", _register_log_actions)
    return admin_viewsets()


@hookimpl
def home_panels(request, grid):
    """热门 posts of the resident's community (two queries; nothing when empty)."""
    from . import services

    community = services.community_of(grid)
    if community is None or not getattr(request.user, "is_authenticated", False):
        return []
    posts = list(services.feed(request.user, community, "hot")
                 .filter(status="published")[:HOME_PANEL_SIZE])
    if not posts:
        return []
    html = render_to_string("livingroom/home_panel.html", {"posts": posts})
    return [HomePanel(title=_("社区会客厅·热议"), html=html, order=25)]


@hookimpl
def user_center_links(request, user):
    if not getattr(user, "is_authenticated", False):
        return []
    return [NavLink(_("我的帖子"), reverse("livingroom:mine"))]


@hookimpl
def search(request, query, terms):
    """Published posts of the reader's community whose title or text match."""
    from core.portal.services import reader_grid

    from . import services
    from .models import Post, Status

    words = [word for word in (terms or [query]) if word]
    community = services.community_of(reader_grid(request))
    if not words or community is None:
        return []

    def matches(word: str) -> Q:
        return Q(title__icontains=word) | Q(body__icontains=word)

    visible = Post.objects.filter(community=community, status=Status.PUBLISHED)
    found = list(visible.filter(reduce(and_, map(matches, words))).order_by("-created_at")
                 [:SEARCH_LIMIT])
    if not found and len(words) > 1:
        found = list(visible.filter(reduce(or_, map(matches, words))).order_by("-created_at")
                     [:SEARCH_LIMIT])
    return [
        SearchHit(title=post.title, url=post.get_absolute_url(),
                  summary=post.body[:80], kind=_("社区会客厅"),
                  score=float(sum(word in post.title for word in words)))
        for post in found
    ]


@hookimpl
def export_user_data(user) -> dict[str, Any]:
    from .models import Ban, Comment, Flag, Like, Post

    return {
        "posts": [{"title": p.title, "body": p.body, "status": p.status,
                   "created_at": p.created_at.isoformat(), "likes": p.like_count}
                  for p in Post.objects.filter(author=user).order_by("created_at")],
        "comments": [{"post_id": c.post_id, "body": c.body, "status": c.status,
                      "created_at": c.created_at.isoformat()}
                     for c in Comment.objects.filter(author=user).order_by("created_at")],
        "likes": list(Like.objects.filter(user=user).values_list("post_id", flat=True)),
        "flags": [{"post_id": f.post_id, "comment_id": f.comment_id, "reason": f.reason,
                   "created_at": f.created_at.isoformat()}
                  for f in Flag.objects.filter(reporter=user)],
        "bans": [{"days": b.days, "reason": b.reason, "starts_at": b.starts_at.isoformat(),
                  "ends_at": b.ends_at.isoformat()} for b in Ban.objects.filter(user=user)],
    }


@hookimpl
def health_checks() -> list[str]:
    from core.moderation.models import SensitiveWord

    if not SensitiveWord.objects.filter(active=True).exists():
        return [_("敏感词库为空：帖子和评论不会经过敏感词过滤（设置 > 敏感词库）。")]
    return []


@hookimpl
def load_demo_content(site):
    from .demo import load_demo

    load_demo(site)
