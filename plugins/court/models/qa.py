"""法治互动: residents' legal questions and the answers of judges and lawyers.

An answer is private (asker and staff only) until staff publish it; a question
with a published answer is a public FAQ (常见问题), listed and searchable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.grids.models import Grid

from .booking import DisputeType


class Question(models.Model):
    asker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提问人"),
                              on_delete=models.CASCADE, related_name="court_questions")
    grid = models.ForeignKey(Grid, verbose_name=_("提问人所在网格"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    category = models.CharField(_("问题类别"), max_length=16, choices=DisputeType.choices,
                                default=DisputeType.OTHER)
    title = models.CharField(_("标题"), max_length=60)
    body = models.TextField(_("问题描述"), max_length=2000)
    anonymous = models.BooleanField(_("公开时匿名"), default=True,
                                    help_text=_("公开为常见问题时不显示提问人姓名。"))
    created_at = models.DateTimeField(_("提问时间"), auto_now_add=True)
    faq_order = models.PositiveSmallIntegerField(_("常见问题排序"), default=100)

    class Meta:
        verbose_name = _("法律提问")
        verbose_name_plural = _("法律提问")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def public_asker(self) -> str:
        """How the asker appears on a published FAQ: a surname at most."""
        if self.anonymous or not self.asker.name:
            return str(_("匿名居民"))
        return f"{self.asker.name[0]}**"


class Answer(models.Model):
    question = models.ForeignKey(Question, verbose_name=_("问题"), on_delete=models.CASCADE,
                                 related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("解答人"),
                               on_delete=models.CASCADE, related_name="court_answers")
    author_label = models.CharField(_("解答人身份"), max_length=60,
                                    help_text=_("解答时的身份，如“南湖区人民法院 法官”或“律师”。"))
    body = models.TextField(_("解答"), max_length=4000)
    is_published = models.BooleanField(_("已公开"), default=False, db_index=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("解答时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("法律解答")
        verbose_name_plural = _("法律解答")
        ordering = ["created_at", "pk"]
        permissions = [("publish_answer", _("可将法律问答公开为常见问题"))]

    def __str__(self) -> str:
        return f"{self.question.title} · {self.author.name}"
