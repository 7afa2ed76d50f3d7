"""议题 and 发表意见 (threaded one level deep: replies attach to a top-level opinion)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TopicStatus(models.TextChoices):
    OPEN = "open", _("征求意见中")
    CLOSED = "closed", _("已结束")


class Topic(models.Model):
    title = models.CharField(_("议题"), max_length=120)
    body = models.TextField(_("议题说明"))
    grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("议事范围"), on_delete=models.PROTECT, related_name="+",
        help_text=_("居住在该网格节点及其下级的居民可以看到并发表意见。"))
    status = models.CharField(_("状态"), max_length=10, choices=TopicStatus.choices,
                              default=TopicStatus.OPEN, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True,
                                   blank=True, editable=False, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("发布时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("议题")
        verbose_name_plural = _("议题")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Opinion(models.Model):
    topic = models.ForeignKey(Topic, verbose_name=_("议题"), on_delete=models.CASCADE,
                              related_name="opinions")
    parent = models.ForeignKey("self", verbose_name=_("回复"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发表人"),
                               on_delete=models.CASCADE, related_name="deliberation_opinions")
    body = models.TextField(_("意见内容"), max_length=1000)
    hidden = models.BooleanField(_("已屏蔽"), default=False,
                                 help_text=_("屏蔽后居民看不到这条意见，原文保留。"))
    created_at = models.DateTimeField(_("发表时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("意见")
        verbose_name_plural = _("意见")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:30]
