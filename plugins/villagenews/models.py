"""村情动态 pages: one index per site under the portal home, news pages below it.

A news page is aimed at one grid node and everything below it, like a notice
(``core.portal.models.NoticePage``): a resident sees whole-site news plus the news
of every grid that contains their home grid. Both page types use PluginPageMixin,
so they cannot be created, and the core ``before_serve_page`` hook answers 404,
while the plugin is disabled for the visitor.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from core.grids.models import Grid
from core.plugins.guards import PluginPageMixin
from core.search.segment import segment

from .blocks import NewsBodyBlock
from .forms import VillageNewsPageForm


class VillageNewsIndexPage(PluginPageMixin, Page):
    """村情动态栏目: the news the reader may see, newest first, 10 to a page."""

    intro = models.CharField(_("简介"), max_length=200, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["villagenews.VillageNewsPage"]
    max_count_per_parent = 1  # one per site: the site's root is the portal home
    template = "villagenews/index.html"

    class Meta:
        verbose_name = _("村情动态栏目")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .services import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request, self))
        return context


class VillageNewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "villagenews.VillageNewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class VillageNewsPage(PluginPageMixin, Page):
    """One piece of village news (村情动态), aimed at a grid subtree or the whole site."""

    date = models.DateField(_("日期"), default=timezone.localdate,
                            help_text=_("活动或事情发生的日期，列表按它从新到旧排列。"))
    target_grid = models.ForeignKey(
        Grid, verbose_name=_("发布范围"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
        help_text=_("该网格及其下级的居民可见；留空表示全站可见。"),
    )
    summary = models.CharField(_("摘要"), max_length=200, blank=True,
                               help_text=_("列表和首页显示的一两句话。"))
    cover = models.ForeignKey(
        get_image_model_string(), verbose_name=_("封面图"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    body = StreamField(NewsBodyBlock(), verbose_name=_("正文"))
    tags = ClusterTaggableManager(_("标签"), through=VillageNewsPageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("target_grid"), FieldPanel("tags")],
            heading=_("时间、范围与标签"),
        ),
        FieldPanel("summary"),
        FieldPanel("cover"),
        FieldPanel("body"),
    ]
    base_form_class = VillageNewsPageForm
    parent_page_types = ["villagenews.VillageNewsIndexPage"]
    subpage_types: list[str] = []
    template = "villagenews/news.html"

    search_fields = [
        *Page.search_fields,
        index.SearchField("search_text"),
        index.FilterField("target_grid"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("村情动态")
        verbose_name_plural = _("村情动态")

    def search_text(self) -> str:
        """Title, summary, body text and tags cut into words (jieba), so that a word
        inside a longer run of Chinese characters is found."""
        body = " ".join(self.body.stream_block.get_searchable_content(self.body))
        tags = " ".join(self.tags.names())
        return segment(f"{self.title} {self.summary} {body} {tags}")

    @property
    def tag_names(self) -> list[str]:
        """Tag names, read from the listing's prefetch instead of a query per row."""
        return [item.tag.name for item in self.tagged_items.all()]

    def is_visible_to_grid(self, grid: Grid | None) -> bool:
        if self.target_grid_id is None:
            return True
        return grid is not None and grid.is_within(self.target_grid)

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from core.portal.services import reader_grid

        # Staff previews pass through Wagtail's preview path, not serve().
        if not self.is_visible_to_grid(reader_grid(request)):
            raise Http404
        return super().serve(request, *args, **kwargs)
