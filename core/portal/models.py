"""The resident portal's pages and the per-site theme setting."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.grids.models import Grid
from core.search.segment import segment

from .forms import NoticePageForm, ThemeSettingsForm


@register_setting(icon="image")
class ThemeSettings(BaseSiteSetting):
    """Which theme this site uses; changing it takes effect on the next request."""

    theme = models.CharField(
        _("主题"), max_length=40, default="default",
        help_text=_("default：标准主题；elder：适老化主题（大字号、高对比度、大按钮）。"),
    )
    service_phone = models.CharField(_("服务热线"), max_length=20, blank=True, default="96345")

    panels = [FieldPanel("theme"), FieldPanel("service_phone")]
    base_form_class = ThemeSettingsForm

    class Meta:
        verbose_name = _("主题与外观")


class HomePage(Page):
    """The resident's home: the app grid, notices for their grid chain, their grid card."""

    welcome = models.CharField(_("欢迎语"), max_length=120, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("welcome")]
    subpage_types = ["portal.NoticeIndexPage"]
    max_count = 1
    template = "portal/home.html"

    class Meta:
        verbose_name = _("门户首页")

    @classmethod
    def clean_subpage_models(cls):
        """Notices, plus every plugin page model that names the home as its parent.

        Core cannot list plugin page types in ``subpage_types``; a plugin declares
        them in its manifest (``page_models``) and in the page's ``parent_page_types``.
        Whether the plugin is enabled is checked by ``PluginPageMixin.can_create_at``.
        """
        from django.apps import apps

        from core.plugins.host import host

        models = list(super().clean_subpage_models())
        for manifest in host.manifests.values():
            for label in manifest.page_models:
                model = apps.get_model(label)
                if model not in models and cls in model.clean_parent_page_models():
                    models.append(model)
        return models

    def get_context(self, request, *args, **kwargs):
        from .services import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(request))
        return context


def notices_visible_to(grid: Grid | None):
    """Live notices aimed at ``grid`` or any ancestor of it, or at the whole site.

    Pinned (置顶) notices come first, then the newest.
    """
    condition = Q(target_grid__isnull=True)
    if grid is not None:
        condition |= Q(target_grid__path__in=grid.chain_paths())
    return (
        NoticePage.objects.live().public().filter(condition)
        .select_related("target_grid").order_by("-is_pinned", "-first_published_at", "-pk")
    )


class NoticeIndexPage(Page):
    """通知公告: lists the notices the reader may see, 10 to a page."""

    intro = models.CharField(_("简介"), max_length=200, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.NoticePage"]
    template = "portal/notice_index.html"
    per_page = 10

    class Meta:
        verbose_name = _("通知公告栏目")

    def get_context(self, request, *args, **kwargs):
        from .services import reader_grid

        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(notices_visible_to(reader_grid(request)), self.per_page)
        context["notices"] = paginator.get_page(request.GET.get("page"))
        return context


class NoticePage(Page):
    """A notice (通知公告) aimed at one grid node and everything below it."""

    target_grid = models.ForeignKey(
        Grid, verbose_name=_("发布范围"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
        help_text=_("该网格及其下级的居民可见；留空表示全站可见。"),
    )
    summary = models.CharField(_("摘要"), max_length=200, blank=True)
    body = RichTextField(_("正文"))
    is_pinned = models.BooleanField(_("置顶"), default=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("target_grid"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("is_pinned"),
    ]
    base_form_class = NoticePageForm
    parent_page_types = ["portal.NoticeIndexPage"]
    subpage_types: list[str] = []
    template = "portal/notice.html"

    search_fields = [
        *Page.search_fields,
        index.SearchField("search_text"),
        index.FilterField("target_grid"),
    ]

    class Meta:
        verbose_name = _("通知公告")

    def search_text(self) -> str:
        """Title, summary and body cut into words, so words inside runs are found."""
        from django.utils.html import strip_tags

        return segment(f"{self.title} {self.summary} {strip_tags(self.body)}")

    def is_visible_to_grid(self, grid: Grid | None) -> bool:
        if self.target_grid_id is None:
            return True
        return grid is not None and grid.is_within(self.target_grid)

    def serve(self, request, *args, **kwargs):
        from django.http import Http404

        from .services import reader_grid

        # Staff previews pass through Wagtail's preview path, not serve().
        if not self.is_visible_to_grid(reader_grid(request)):
            raise Http404
        return super().serve(request, *args, **kwargs)
