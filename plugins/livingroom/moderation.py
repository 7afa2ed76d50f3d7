"""Moderators' actions: the queue, approve/restore, hide, delete, edit, ban and lift.

Every lookup goes through ``scope_queryset`` on the post's community, so a
cadre of 新兴社区 can neither see nor act on 东栅社区's content (an
out-of-scope id is "not found", exactly like a missing one). Every action is
written to Wagtail's audit log in the same transaction as the change.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.grids.models import Grid
from core.grids.scoping import scope_queryset
from core.moderation.services import screen
from core.notifications.services import notify

from .models import TITLE_MAX, Ban, BanDays, Comment, Flag, Post, Status, active_bans
from .services import (
    MODERATE_PERMISSION,
    LivingroomError,
    award_post_points,
    community_of,
    is_moderator,
)

ACTION_APPROVED = "livingroom.approved"
ACTION_HIDDEN = "livingroom.hidden"
ACTION_DELETED = "livingroom.deleted"
ACTION_EDITED = "livingroom.edited"
ACTION_BANNED = "livingroom.banned"
ACTION_UNBANNED = "livingroom.unbanned"

BULK_ACTIONS = ("approve", "hide", "delete")


def posts_in_scope(user: Any) -> QuerySet[Post]:
    if not user.has_perm(MODERATE_PERMISSION):
        return Post.objects.none()
    return scope_queryset(user, Post.objects.all(), "community")


def comments_in_scope(user: Any) -> QuerySet[Comment]:
    if not user.has_perm(MODERATE_PERMISSION):
        return Comment.objects.none()
    return scope_queryset(user, Comment.objects.all(), "post__community")


def _needs_review() -> Q:
    return Q(status__in=[Status.HELD, Status.FLAGGED]) | Q(flag_count__gt=0)


def queue(user: Any) -> tuple[list[Post], list[Comment]]:
    """Held, auto-hidden and flagged items in scope: most-flagged first, then oldest."""
    order = ("-flag_count", "created_at")
    posts = list(posts_in_scope(user).filter(_needs_review())
                 .select_related("author", "community").order_by(*order)[:200])
    comments = list(comments_in_scope(user).filter(_needs_review())
                    .select_related("author", "post__community").order_by(*order)[:200])
    return posts, comments


def _resolve_flags(obj: Post | Comment, now) -> None:
    field = "post" if isinstance(obj, Post) else "comment"
    Flag.objects.filter(**{field: obj}, resolved_at__isnull=True).update(resolved_at=now)


def _set_status(actor: Any, obj: Post | Comment, status: str, action: str) -> bool:
    """Change status, resolve open flags, keep the comment counter right, log."""
    now = timezone.now()
    was_visible = obj.status == Status.PUBLISHED
    changed = obj.status != status or obj.flag_count
    before = obj.status
    obj.status, obj.flag_count = status, 0
    obj.save(update_fields=["status", "flag_count"])
    _resolve_flags(obj, now)
    if isinstance(obj, Comment) and was_visible != (status == Status.PUBLISHED):
        delta = 1 if status == Status.PUBLISHED else -1
        Post.objects.filter(pk=obj.post_id).update(comment_count=F("comment_count") + delta)
    if isinstance(obj, Post) and status == Status.PUBLISHED:
        award_post_points(obj)  # a held post earns its points once approved (same key)
    log(obj, action, user=actor, data={"from": before, "to": status})
    return bool(changed)


def _lock(model, pk: int, user: Any):
    scoped = posts_in_scope(user) if model is Post else comments_in_scope(user)
    obj = scoped.select_for_update(of=("self",)).filter(pk=pk).first()
    if obj is None:
        raise LivingroomError(_("找不到该内容，或不在您的管理范围内。"))
    return obj


def approve(actor: Any, model, pk: int) -> None:
    with transaction.atomic():
        obj = _lock(model, pk, actor)
        _set_status(actor, obj, Status.PUBLISHED, ACTION_APPROVED)
    notify(obj.author, _("您发布的内容已通过审核"), _("您在社区会客厅发布的内容已公开显示。"),
           url=f"/livingroom/{_post_id(obj)}/", source="livingroom")


def hide(actor: Any, model, pk: int) -> None:
    with transaction.atomic():
        obj = _lock(model, pk, actor)
        _set_status(actor, obj, Status.HIDDEN, ACTION_HIDDEN)


def delete(actor: Any, model, pk: int) -> None:
    with transaction.atomic():
        obj = _lock(model, pk, actor)
        # The log entry outlives the row: keep who wrote what.
        log(obj, ACTION_DELETED, user=actor, data={
            "author": obj.author.name, "author_id": obj.author_id,
            "title": getattr(obj, "title", ""), "body": obj.body[:500]})
        if isinstance(obj, Comment) and obj.status == Status.PUBLISHED:
            Post.objects.filter(pk=obj.post_id).update(comment_count=F("comment_count") - 1)
        files = [image.image for image in obj.images.all()] if isinstance(obj, Post) else []
        obj.delete()
        # Photos go only once the deletion is committed (a rollback keeps them).
        transaction.on_commit(lambda: [file.delete(save=False) for file in files])


def bulk(actor: Any, action: str, post_ids: list[int], comment_ids: list[int]) -> int:
    """One action over many items, all or nothing; out-of-scope ids are refused."""
    if action not in BULK_ACTIONS:
        raise LivingroomError(_("请选择要执行的操作。"))
    if not post_ids and not comment_ids:
        raise LivingroomError(_("请先勾选要处理的内容。"))
    run = {"approve": approve, "hide": hide, "delete": delete}[action]
    with transaction.atomic():
        for pk in comment_ids:  # comments first: deleting a post deletes its comments
            if Comment.objects.filter(pk=pk, post_id__in=post_ids).exists() and action == "delete":
                continue
            run(actor, Comment, pk)
        for pk in post_ids:
            run(actor, Post, pk)
    return len(post_ids) + len(comment_ids)


def edit(actor: Any, model, pk: int, *, body: str, title: str | None = None) -> Post | Comment:
    """A moderator's edit: the author's first version is kept in original_*."""
    body = (body or "").strip()
    if not body or (model is Post and not (title or "").strip()):
        raise LivingroomError(_("编辑后的内容不能为空。"), field="body")
    verdict = screen(f"{title or ''}\n{body}")
    if verdict.blocked:
        raise LivingroomError(verdict.message, field="body")
    with transaction.atomic():
        obj = _lock(model, pk, actor)
        before = {"title": getattr(obj, "title", ""), "body": obj.body}
        if not obj.was_edited:
            obj.original_body = obj.body
            if model is Post:
                obj.original_title = obj.title
        obj.body = body
        if model is Post:
            obj.title = title.strip()[:TITLE_MAX]
        obj.edited_by, obj.edited_at = actor, timezone.now()
        obj.save()
        log(obj, ACTION_EDITED, user=actor, data={"before": before, "after": {
            "title": getattr(obj, "title", ""), "body": obj.body}})
    return obj


def _post_id(obj: Post | Comment) -> int:
    return obj.pk if isinstance(obj, Post) else obj.post_id


# --- bans -----------------------------------------------------------------------------


def bannable(actor: Any, resident: Any) -> Grid:
    """The resident's community, if the actor moderates it; else refuse."""
    community = community_of(resident.home_grid)
    if community is None or not is_moderator(actor, community):
        raise LivingroomError(_("该居民不在您管理的社区。"))
    if resident.pk == actor.pk:
        raise LivingroomError(_("不能禁言自己。"))
    return community


def ban(actor: Any, resident: Any, *, days: int, reason: str) -> Ban:
    if days not in BanDays.values:
        raise LivingroomError(_("禁言时长只能是 1 天、7 天或 30 天。"), field="days")
    reason = (reason or "").strip()
    if not reason:
        raise LivingroomError(_("请填写禁言原因。"), field="reason")
    community = bannable(actor, resident)
    with transaction.atomic():
        current = Ban.objects.select_for_update().filter(active_bans(), user=resident).first()
        if current is not None:
            raise LivingroomError(_("该居民正在禁言中，至 %(end)s 结束。") % {
                "end": timezone.localtime(current.ends_at).strftime("%Y-%m-%d %H:%M")})
        now = timezone.now()
        record = Ban.objects.create(user=resident, community=community, days=days,
                                    reason=reason[:200], starts_at=now,
                                    ends_at=now + timedelta(days=days), created_by=actor)
        log(record, ACTION_BANNED, user=actor, data={
            "user_id": resident.pk, "days": days, "reason": record.reason,
            "ends_at": record.ends_at.isoformat()})
    notify(resident, _("您已被禁言"), _("因“%(reason)s”，您在社区会客厅被禁言 %(days)s 天，至 %(end)s 结束。") % {
        "reason": record.reason, "days": days,
        "end": timezone.localtime(record.ends_at).strftime("%Y-%m-%d %H:%M")},
        url="/livingroom/", source="livingroom")
    return record


def bans_in_scope(user: Any) -> QuerySet[Ban]:
    if not user.has_perm(MODERATE_PERMISSION):
        return Ban.objects.none()
    return scope_queryset(user, Ban.objects.all(), "community")


def lift(actor: Any, ban_id: int) -> Ban:
    with transaction.atomic():
        record = bans_in_scope(actor).select_for_update(of=("self",)).filter(pk=ban_id).first()
        if record is None:
            raise LivingroomError(_("找不到该禁言记录，或不在您的管理范围内。"))
        if not record.is_active():
            raise LivingroomError(_("该禁言已结束。"))
        record.lifted_at, record.lifted_by = timezone.now(), actor
        record.save(update_fields=["lifted_at", "lifted_by"])
        log(record, ACTION_UNBANNED, user=actor, data={"user_id": record.user_id})
    return record
