"""Letters residents write to their village or community, and the staff's replies."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.grids.models import Grid

from .manifest import MANIFEST, PERMISSION_REPLY

SUBJECT_MAX = 60
BODY_MAX = 2000


class Category(models.TextChoices):
    SUGGESTION = "suggestion", _("意见建议")
    HELP = "help", _("求助")
    ENQUIRY = "enquiry", _("咨询")
    COMPLAINT = "complaint", _("投诉")


class Status(models.TextChoices):
    PENDING = "pending", _("待回复")
    REPLIED = "replied", _("已回复")
    CLOSED = "closed", _("已关闭")


class Letter(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("写信人"), on_delete=models.CASCADE,
        related_name="mailbox_letters",
    )
    # The writer's home grid when they wrote: staff of that subtree answer it, even
    # if the writer moves later.
    grid = models.ForeignKey(
        Grid, verbose_name=_("所属网格"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(
        _("类别"), max_length=20, choices=Category.choices, default=Category.SUGGESTION
    )
    subject = models.CharField(_("标题"), max_length=SUBJECT_MAX)
    body = models.TextField(_("内容"), max_length=BODY_MAX)
    anonymous = models.BooleanField(
        _("公开时隐藏我的姓名"), default=False,
        help_text=_("来信如被选登公开，将不显示您的姓名；网格员和社区干部仍能看到，以便联系您。"),
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("来信时间"), default=timezone.now, editable=False)
    replied_at = models.DateTimeField(_("最近回复时间"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("来信")
        verbose_name_plural = _("来信")
        permissions = [(PERMISSION_REPLY, _("可答复村民来信"))]
        indexes = [
            models.Index(fields=["author", "-created_at"]),
            models.Index(fields=["status", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    @property
    def public_name(self) -> str:
        """The writer as shown to other residents: hidden when they asked for it."""
        if self.anonymous or not self.author.name:
            return str(_("匿名居民"))
        return self.author.name[:1] + "*" * (len(self.author.name) - 1)

    def get_absolute_url(self) -> str:
        return f"{MANIFEST.entry_url}{self.pk}/"


class Reply(models.Model):
    letter = models.ForeignKey(
        Letter, verbose_name=_("来信"), on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("回复人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    # Kept as written: the resident still sees who answered after a staff account goes.
    signature = models.CharField(_("署名"), max_length=120)
    body = models.TextField(_("回复内容"), max_length=BODY_MAX)
    created_at = models.DateTimeField(_("回复时间"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("回复")
        verbose_name_plural = _("回复")

    def __str__(self) -> str:
        return f"{self.signature}：{self.body[:20]}"
