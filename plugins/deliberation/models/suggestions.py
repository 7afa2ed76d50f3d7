"""提出建议, 附议 (support, once per resident) and the grid head's 问题清单."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("待处理")
    ADOPTED = "adopted", _("已采纳")
    REPLIED = "replied", _("已答复")
    DECLINED = "declined", _("暂不采纳")


class Suggestion(models.Model):
    title = models.CharField(_("建议标题"), max_length=80)
    body = models.TextField(_("建议内容"), max_length=2000)
    grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("所在网格"), on_delete=models.PROTECT, related_name="+",
        help_text=_("提出人提交时的居住网格；同一区域的居民可以看到并附议。"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提出人"),
                               on_delete=models.CASCADE, related_name="deliberation_suggestions")
    status = models.CharField(_("处理状态"), max_length=10, choices=SuggestionStatus.choices,
                              default=SuggestionStatus.PENDING, db_index=True)
    reply = models.TextField(_("答复"), blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("答复人"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    hidden = models.BooleanField(
        _("待审核/已屏蔽"), default=False,
        help_text=_("含敏感词待审核或被屏蔽的建议只有提出人和工作人员能看到，原文保留。"))
    points_awarded = models.IntegerField(_("采纳积分"), default=0)
    points_note = models.CharField(_("积分说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("提出时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("居民建议")
        verbose_name_plural = _("居民建议")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def status_tag(self) -> str:
        return {SuggestionStatus.ADOPTED: "tag--ok", SuggestionStatus.PENDING: "tag--warn"}.get(
            self.status, "")


class Support(models.Model):
    suggestion = models.ForeignKey(Suggestion, verbose_name=_("建议"), on_delete=models.CASCADE,
                                   related_name="supports")
    supporter = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("附议人"),
                                  on_delete=models.CASCADE, related_name="deliberation_supports")
    created_at = models.DateTimeField(_("附议时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("附议")
        verbose_name_plural = _("附议")
        constraints = [models.UniqueConstraint(fields=["suggestion", "supporter"],
                                               name="deliberation_support_once")]


class IssueList(models.Model):
    """问题清单: what the grid head puts before the council for one period."""

    title = models.CharField(_("清单名称"), max_length=100)
    grid = models.ForeignKey("grids.Grid", verbose_name=_("所属网格"), on_delete=models.PROTECT,
                             related_name="+")
    period_start = models.DateField(_("汇总起始日期"))
    period_end = models.DateField(_("汇总截止日期"))
    note = models.TextField(_("说明"), blank=True)
    compiled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("汇总人"), null=True,
                                    blank=True, editable=False, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("问题清单")
        verbose_name_plural = _("问题清单")
        ordering = ["-period_end", "-pk"]
        permissions = [("compile_issuelist", _("可汇总问题清单"))]
        constraints = [models.CheckConstraint(
            condition=models.Q(period_end__gte=models.F("period_start")),
            name="deliberation_issuelist_period_order")]

    def __str__(self) -> str:
        return self.title


class IssueItem(models.Model):
    issue_list = models.ForeignKey(IssueList, verbose_name=_("问题清单"), on_delete=models.CASCADE,
                                   related_name="items")
    suggestion = models.ForeignKey(Suggestion, verbose_name=_("来源建议"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="issue_items")
    title = models.CharField(_("问题"), max_length=120)
    supports = models.PositiveIntegerField(_("附议人数（汇总时）"), default=0)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    note = models.CharField(_("备注"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("清单事项")
        verbose_name_plural = _("清单事项")
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["issue_list", "suggestion"],
                                               name="deliberation_issue_once_per_list")]

    def __str__(self) -> str:
        return self.title
