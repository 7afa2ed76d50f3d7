"""信息公开: court notices (法院公告) and litigation guides (诉讼指南) as Wagtail pages.

One 信息公开 index per site under the portal home; both page types use
PluginPageMixin, so they cannot be created, and are not served, while the
plugin is disabled. They are public: court notices are public information.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.plugins.guards import PluginPageMixin
from core.search.segment import segment


class CourtInfoIndexPage(PluginPageMixin, Page):
    intro = models.CharField(_("简介"), max_length=200, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["court.CourtNoticePage", "court.LitigationGuidePage"]
    max_count_per_parent = 1
    template = "court/info_index.html"

    class Meta:
        verbose_name = _("法院信息公开栏目")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public().specific()
        context["notices"] = list(children.type(CourtNoticePage).specific()
                                  .order_by("-courtnoticepage__date", "-pk")[:20])
        context["guides"] = list(children.type(LitigationGuidePage).specific()
                                 .order_by("litigationguidepage__order", "pk"))
        return context


class _SearchableText:
    def search_text(self) -> str:
        """Title, summary and body cut into words (jieba) so words inside runs are found."""
        return segment(f"{self.title} {self.summary} {self.body}")


class CourtNoticePage(_SearchableText, PluginPageMixin, Page):
    date = models.DateField(_("发布日期"), default=timezone.localdate)
    court = models.CharField(_("发布法院"), max_length=60)
    summary = models.CharField(_("摘要"), max_length=200, blank=True)
    body = RichTextField(_("正文"))

    content_panels = [*Page.content_panels, FieldPanel("date"), FieldPanel("court"),
                      FieldPanel("summary"), FieldPanel("body")]
    parent_page_types = ["court.CourtInfoIndexPage"]
    subpage_types: list[str] = []
    template = "court/info_page.html"
    search_fields = [*Page.search_fields, index.SearchField("search_text")]

    class Meta:
        verbose_name = _("法院公告")
        verbose_name_plural = _("法院公告")


class LitigationGuidePage(_SearchableText, PluginPageMixin, Page):
    summary = models.CharField(_("摘要"), max_length=200, blank=True)
    body = RichTextField(_("正文"))
    order = models.PositiveSmallIntegerField(_("排序"), default=100)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("order"),
                      FieldPanel("body")]
    parent_page_types = ["court.CourtInfoIndexPage"]
    subpage_types: list[str] = []
    template = "court/info_page.html"
    search_fields = [*Page.search_fields, index.SearchField("search_text")]

    class Meta:
        verbose_name = _("诉讼指南")
        verbose_name_plural = _("诉讼指南")
