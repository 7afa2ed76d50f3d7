"""Residents' actions: post, comment, like, flag. The only code that creates those rows.

Every action runs in one transaction: the row, its counter (``F()``) and any
points either all happen or none do. Text goes through the platform's
sensitive-word screen (``core.moderation.services.screen``): "block" refuses
with the dictionary's message before anything is written, "hold" saves the
row as 待审核. Refusals are ``LivingroomError`` with a Chinese message.

Auto-hide: ``flag`` locks the flagged row, records the flag (unique per
resident: a second one is refused by the database too) and hides the row once
its open flags reach the site's threshold, so concurrent flags count exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.grids.models import Grid
from core.moderation.services import Verdict, screen
from core.notifications.services import notify
from core.points.errors import PointsError
from core.points.services import apply_rule

from .manifest import DEFAULT_FLAG_THRESHOLD, RULE_LIKED, RULE_POST
from .models import Ban, Comment, Flag, Like, Post, PostImage, Status, active_bans

MODERATE_PERMISSION = "livingroom.moderate_post"
ACTION_AUTO_HIDDEN = "livingroom.auto_hidden"


class LivingroomError(ValidationError):
    """A refused action; nothing was changed. ``field`` names the form field to show it on."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Outcome:
    """A post or comment that was saved, and how the screen treated it."""

    obj: Post | Comment
    verdict: Verdict

    @property
    def message(self) -> str:
        if self.verdict.held:
            return self.verdict.message  # 已提交，待管理员审核后显示。
        return _("发布成功。")


# --- who may do what -------------------------------------------------------------


def community_of(grid: Grid | None) -> Grid | None:
    """The community (村/社区) node at or above ``grid``; None above community level."""
    if grid is None:
        return None
    if grid.level == "community":
        return grid
    return Grid.objects.filter(path__in=grid.chain_paths(), level="community").first()


def is_moderator(user: Any, community: Grid) -> bool:
    """Staff with the moderation permission whose scope covers ``community``."""
    if not getattr(user, "is_authenticated", False) or not user.has_perm(MODERATE_PERMISSION):
        return False
    if user.is_superuser:
        return True
    scope = getattr(user, "scope_grid", None)
    return scope is not None and community.path.startswith(scope.path)


def can_read(user: Any, community: Grid) -> bool:
    home = community_of(getattr(user, "home_grid", None))
    return (home is not None and home.pk == community.pk) or is_moderator(user, community)


def active_ban(user: Any) -> Ban | None:
    return Ban.objects.filter(active_bans(), user=user).order_by("-ends_at").first()


def check_can_write(user: Any, community: Grid) -> None:
    """Residents write in their own community; moderators in any they cover."""
    if not is_moderator(user, community):
        home = community_of(user.home_grid)
        if home is None or home.pk != community.pk:
            raise LivingroomError(_("只能在您居住的社区会客厅发言。"))
        if not user.is_verified:
            raise LivingroomError(_("请先完成实名认证，再在社区会客厅发言。"))
    ban = active_ban(user)
    if ban is not None:
        raise LivingroomError(_("您已被禁言至 %(end)s，原因：%(reason)s。禁言期间不能发帖和评论。") % {
            "end": timezone.localtime(ban.ends_at).strftime("%Y年%m月%d日 %H:%M"),
            "reason": ban.reason})


# --- what a reader sees ------------------------------------------------------------


def readable(user: Any, community: Grid) -> Q:
    """Published rows, the reader's own (any status) and, for moderators, everything."""
    if is_moderator(user, community):
        return Q()
    return Q(status=Status.PUBLISHED) | Q(author=user)


def feed(user: Any, community: Grid, order: str = "new") -> QuerySet[Post]:
    posts = (Post.objects.filter(readable(user, community), community=community)
             .select_related("author").prefetch_related("images"))
    if order == "hot":
        return posts.order_by("-like_count", "-comment_count", "-created_at")
    return posts.order_by("-created_at")


def comments_for(user: Any, post: Post) -> QuerySet[Comment]:
    """官方回复 first, then oldest first; hidden ones only for their author and moderators."""
    return (post.comments.filter(readable(user, post.community)).select_related("author")
            .order_by("-is_official", "created_at"))


def liked_ids(user: Any, posts: list[Post]) -> set[int]:
    if not getattr(user, "is_authenticated", False) or not posts:
        return set()
    return set(Like.objects.filter(user=user, post__in=[p.pk for p in posts])
               .values_list("post_id", flat=True))


def flagged_ids(user: Any, posts: list[Post]) -> set[int]:
    if not getattr(user, "is_authenticated", False) or not posts:
        return set()
    return set(Flag.objects.filter(reporter=user, post__in=[p.pk for p in posts])
               .values_list("post_id", flat=True))


# --- writing ------------------------------------------------------------------------


def _screen(text: str, field: str) -> Verdict:
    verdict = screen(text)
    if verdict.blocked:
        raise LivingroomError(verdict.message, field=field)
    return verdict


def create_post(user: Any, community: Grid, *, title: str, body: str,
                images: list[ContentFile] = ()) -> Outcome:
    """Screen, then save the post (published or held) with its images, all or nothing."""
    title, body = (title or "").strip(), (body or "").strip()
    if not title or not body:
        raise LivingroomError(_("请填写标题和内容。"), field="body" if title else "title")
    check_can_write(user, community)
    verdict = _screen(f"{title}\n{body}", "body")
    with transaction.atomic():
        post = Post.objects.create(
            community=community, author=user, title=title, body=body,
            status=Status.HELD if verdict.held else Status.PUBLISHED,
            hold_words="、".join(verdict.words)[:200])
        for position, image in enumerate(images):
            PostImage.objects.create(post=post, image=image, position=position)
        if post.status == Status.PUBLISHED:
            award_post_points(post)
    return Outcome(post, verdict)


def award_post_points(post: Post) -> None:
    """Once per post (the key), capped per day; a refusal never undoes the post."""
    _award(post.author, RULE_POST, f"livingroom:post:{post.pk}", post,
           _("社区会客厅发帖：%(title)s") % {"title": post.title})


def _award(user: Any, rule: str, key: str, target: Any, reason: str) -> None:
    try:
        with transaction.atomic():  # a savepoint: a refusal must not poison the caller
            apply_rule(user, rule, key=key, target=target, reason=reason)
    except PointsError:
        pass  # over the daily cap, rule switched off …: the post itself stands


def add_comment(user: Any, post: Post, body: str) -> Outcome:
    body = (body or "").strip()
    if not body:
        raise LivingroomError(_("请填写评论内容。"), field="body")
    if post.status != Status.PUBLISHED and not is_moderator(user, post.community):
        raise LivingroomError(_("该帖子暂未公开，不能评论。"))
    check_can_write(user, post.community)
    verdict = _screen(body, "body")
    official = is_moderator(user, post.community)
    with transaction.atomic():
        comment = Comment.objects.create(
            post=post, author=user, body=body, is_official=official,
            status=Status.HELD if verdict.held else Status.PUBLISHED,
            hold_words="、".join(verdict.words)[:200])
        if comment.status == Status.PUBLISHED:
            Post.objects.filter(pk=post.pk).update(comment_count=F("comment_count") + 1,
                                                   last_activity_at=comment.created_at)
    if comment.status == Status.PUBLISHED and post.author_id != user.pk:
        title = _("官方回复了您的帖子") if official else _("您的帖子有新评论")
        notify(post.author, title, _("“%(title)s”：%(body)s") % {
            "title": post.title, "body": body[:60]},
            url=f"/livingroom/{post.pk}/", source="livingroom")
    return Outcome(comment, verdict)


def like(user: Any, post: Post) -> int:
    """Like once (the database refuses a second); return the new count."""
    if post.status != Status.PUBLISHED:
        raise LivingroomError(_("该帖子暂未公开，不能点赞。"))
    if post.author_id == user.pk:
        raise LivingroomError(_("不能给自己的帖子点赞。"))
    if not can_read(user, post.community) or not user.is_verified:
        raise LivingroomError(_("只有本社区实名认证的居民可以点赞。"))
    try:
        with transaction.atomic():
            Like.objects.create(post=post, user=user)
            Post.objects.filter(pk=post.pk).update(like_count=F("like_count") + 1)
            # Keyed by (post, liker): un-liking and liking again earns nothing more.
            _award(post.author, RULE_LIKED, f"livingroom:like:{post.pk}:{user.pk}", post,
                   _("帖子获得点赞：%(title)s") % {"title": post.title})
    except IntegrityError:
        raise LivingroomError(_("您已经点过赞了。")) from None
    return Post.objects.values_list("like_count", flat=True).get(pk=post.pk)


def unlike(user: Any, post: Post) -> int:
    with transaction.atomic():
        deleted, _rows = Like.objects.filter(post=post, user=user).delete()
        if deleted:
            Post.objects.filter(pk=post.pk).update(like_count=F("like_count") - 1)
    return Post.objects.values_list("like_count", flat=True).get(pk=post.pk)


def flag(user: Any, target: Post | Comment, *, reason: str, detail: str = "",
         threshold: int = DEFAULT_FLAG_THRESHOLD) -> bool:
    """Record one resident's 举报; return True if it made the target hide itself."""
    post = target if isinstance(target, Post) else target.post
    if target.author_id == user.pk:
        raise LivingroomError(_("不能举报自己发布的内容。"))
    if not can_read(user, post.community) or not user.is_verified:
        raise LivingroomError(_("只有本社区实名认证的居民可以举报。"))
    model = type(target)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=target.pk)
        if locked.status == Status.HIDDEN:
            raise LivingroomError(_("该内容已被管理员隐藏，无需举报。"))
        try:
            with transaction.atomic():
                Flag.objects.create(reporter=user, reason=reason, detail=(detail or "")[:200],
                                    **{"post" if model is Post else "comment": locked})
        except IntegrityError:
            raise LivingroomError(_("您已经举报过该内容，我们会尽快处理。")) from None
        locked.flag_count += 1
        hides = locked.status == Status.PUBLISHED and locked.flag_count >= max(threshold, 1)
        fields = ["flag_count"]
        if hides:
            locked.status = Status.FLAGGED
            fields.append("status")
        locked.save(update_fields=fields)
        if hides:
            if model is Comment:
                Post.objects.filter(pk=post.pk).update(comment_count=F("comment_count") - 1)
            log(locked, ACTION_AUTO_HIDDEN, user=None,
                data={"flags": locked.flag_count, "threshold": threshold})
    if hides:
        notify(target.author, _("您发布的内容已暂时隐藏"),
               _("因多位居民举报，您在社区会客厅发布的内容已暂时隐藏，管理员复核后会恢复或处理。"),
               url=f"/livingroom/{post.pk}/", source="livingroom")
    return hides
