"""社区会客厅: posts per community, comments, likes, flags (举报) and bans (禁言).

Counters (likes, comments, open flags) are stored on the rows and moved with
``F()`` in the transaction that adds or removes what they count, so the feed
and its 热门 order need no aggregate per post. One like and one flag per
resident are unique constraints; a flag points at exactly one post or comment
(a check constraint).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TITLE_MAX = 40
BODY_MAX = 2000
COMMENT_MAX = 500
MAX_IMAGES = 3


class Status(models.TextChoices):
    PUBLISHED = "published", _("已发布")
    HELD = "held", _("待审核")  # the dictionary held it
    FLAGGED = "flagged", _("举报待复核")  # hidden automatically after N flags
    HIDDEN = "hidden", _("已隐藏")  # a moderator hid it


# What a moderator still has to look at.
QUEUE_STATUSES = (Status.HELD, Status.FLAGGED)


class Moderated(models.Model):
    """What posts and comments share: status, the moderator's edit, open flags."""

    status = models.CharField(_("状态"), max_length=10, choices=Status.choices,
                              default=Status.PUBLISHED, db_index=True)
    hold_words = models.CharField(_("命中敏感词"), max_length=200, blank=True,
                                  help_text=_("仅管理员可见。"))
    flag_count = models.PositiveIntegerField(_("待处理举报"), default=0)
    original_body = models.TextField(_("原文"), blank=True,
                                     help_text=_("管理员编辑前的内容，仅管理员可见。"))
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("编辑人"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    edited_at = models.DateTimeField(_("编辑时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("发布时间"), default=timezone.now, db_index=True)

    class Meta:
        abstract = True

    @property
    def is_visible(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def was_edited(self) -> bool:
        return self.edited_at is not None

    @property
    def status_tag(self) -> str:
        return {Status.HELD: "tag--warn", Status.FLAGGED: "tag--warn"}.get(self.status, "")


class Post(Moderated):
    community = models.ForeignKey("grids.Grid", verbose_name=_("社区"), on_delete=models.PROTECT,
                                  related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发帖人"),
                               on_delete=models.CASCADE, related_name="livingroom_posts")
    title = models.CharField(_("标题"), max_length=TITLE_MAX)
    body = models.TextField(_("内容"), max_length=BODY_MAX)
    original_title = models.CharField(_("原标题"), max_length=TITLE_MAX, blank=True)
    like_count = models.PositiveIntegerField(_("点赞数"), default=0)
    comment_count = models.PositiveIntegerField(_("评论数"), default=0)
    last_activity_at = models.DateTimeField(_("最后回复时间"), default=timezone.now)

    class Meta:
        verbose_name = _("帖子")
        verbose_name_plural = _("帖子")
        ordering = ["-created_at"]
        permissions = [("moderate_post", _("可管理社区会客厅内容"))]
        indexes = [
            models.Index(fields=["community", "status", "-created_at"], name="livingroom_feed"),
            models.Index(fields=["community", "status", "-like_count"], name="livingroom_hot"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("livingroom:detail", args=[self.pk])


def image_path(instance: PostImage, filename: str) -> str:
    # Never the uploaded name: it can carry personal data. Always re-encoded as JPEG.
    return f"livingroom/{timezone.now():%Y/%m}/{instance.post_id}-{timezone.now():%H%M%S%f}.jpg"


class PostImage(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("图片"), upload_to=image_path)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("帖子图片")
        verbose_name_plural = _("帖子图片")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.image.name


class Comment(Moderated):
    post = models.ForeignKey(Post, verbose_name=_("帖子"), on_delete=models.CASCADE,
                             related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评论人"),
                               on_delete=models.CASCADE, related_name="livingroom_comments")
    body = models.TextField(_("评论内容"), max_length=COMMENT_MAX)
    is_official = models.BooleanField(
        _("官方回复"), default=False,
        help_text=_("负责该社区的工作人员的回复，置顶并标注“官方回复”。"))

    class Meta:
        verbose_name = _("评论")
        verbose_name_plural = _("评论")
        ordering = ["-is_official", "created_at"]
        indexes = [models.Index(fields=["post", "status"], name="livingroom_comments")]

    def __str__(self) -> str:
        return self.body[:30]

    @property
    def community(self):
        return self.post.community


class Like(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="livingroom_likes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("点赞")
        verbose_name_plural = _("点赞")
        constraints = [models.UniqueConstraint(fields=["post", "user"],
                                               name="livingroom_one_like_per_resident")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.post_id}"


class FlagReason(models.TextChoices):
    ADVERT = "advert", _("广告或诈骗")
    ABUSE = "abuse", _("辱骂或人身攻击")
    PRIVACY = "privacy", _("泄露他人隐私")
    RUMOUR = "rumour", _("不实信息")
    ILLEGAL = "illegal", _("违法违规")
    OTHER = "other", _("其他")


class Flag(models.Model):
    """One resident's 举报 of one post or comment; kept after review (resolved_at set)."""

    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="flags")
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="flags")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("举报人"),
                                 on_delete=models.CASCADE, related_name="livingroom_flags")
    reason = models.CharField(_("举报原因"), max_length=10, choices=FlagReason.choices)
    detail = models.CharField(_("补充说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("举报时间"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("举报")
        verbose_name_plural = _("举报")
        constraints = [
            models.CheckConstraint(
                condition=(Q(post__isnull=False, comment__isnull=True)
                           | Q(post__isnull=True, comment__isnull=False)),
                name="livingroom_flag_one_target"),
            models.UniqueConstraint(fields=["post", "reporter"], condition=Q(post__isnull=False),
                                    name="livingroom_one_flag_per_post"),
            models.UniqueConstraint(fields=["comment", "reporter"],
                                    condition=Q(comment__isnull=False),
                                    name="livingroom_one_flag_per_comment"),
        ]

    def __str__(self) -> str:
        return self.get_reason_display()


class BanDays(models.IntegerChoices):
    ONE = 1, _("1 天")
    SEVEN = 7, _("7 天")
    THIRTY = 30, _("30 天")


class Ban(models.Model):
    """A time-limited 禁言: active while ``now < ends_at`` and not lifted; no job expires it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("居民"),
                             on_delete=models.CASCADE, related_name="livingroom_bans")
    community = models.ForeignKey("grids.Grid", verbose_name=_("社区"), on_delete=models.PROTECT,
                                  related_name="+",
                                  help_text=_("作出禁言的社区，决定哪些管理员能看到和解除。"))
    days = models.PositiveSmallIntegerField(_("禁言天数"), choices=BanDays.choices)
    reason = models.CharField(_("禁言原因"), max_length=200)
    starts_at = models.DateTimeField(_("开始时间"), default=timezone.now)
    ends_at = models.DateTimeField(_("结束时间"), db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    lifted_at = models.DateTimeField(_("提前解除时间"), null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("解除人"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("禁言")
        verbose_name_plural = _("禁言")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                   name="livingroom_ban_ends_after_start"),
            models.CheckConstraint(condition=Q(days__in=[1, 7, 30]),
                                   name="livingroom_ban_days"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_days_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.ends_at is None:
            self.ends_at = self.starts_at + timedelta(days=self.days)
        super().save(*args, **kwargs)

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.lifted_at is None and self.starts_at <= now < self.ends_at


def active_bans(now=None) -> Q:
    now = now or timezone.now()
    return Q(lifted_at__isnull=True, starts_at__lte=now, ends_at__gt=now)
