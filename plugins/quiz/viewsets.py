"""安全答题 in the Wagtail admin: quizzes with their questions inline, scoped to the subtree.

Registered through ``register_admin_viewsets`` so the plugin's enabled-guard applies.
"""

from __future__ import annotations

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from core.grids.scoping import GridScopedViewSetMixin
from core.plugins.guards import PluginViewSetMixin

from .admin_views import QuizResultsView
from .models import Quiz

SLUG = "quiz"


class QuizIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance: Quiz) -> list:
        buttons = super().get_list_more_buttons(instance)
        buttons.insert(0, ListingButton(
            _("答题结果"), url=reverse("quiz_quiz:results", args=[instance.pk]),
            icon_name="list-ul", priority=5))
        return buttons


class _QuizViewSetBase(ModelViewSet):
    """Below the mixins, so that PluginViewSetMixin guards the extra route too."""

    def get_urlpatterns(self) -> list:
        return [*super().get_urlpatterns(),
                path("<int:pk>/results/", QuizResultsView.as_view(), name="results")]


def _local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


class QuizViewSet(PluginViewSetMixin, GridScopedViewSetMixin, _QuizViewSetBase):
    plugin_slug = SLUG
    model = Quiz
    grid_field = "grid"
    icon = "help"
    menu_label = _("安全答题")
    menu_order = 330
    add_to_admin_menu = True
    url_prefix = "quiz/quizzes"
    index_view_class = QuizIndexView
    search_fields = ["title"]
    search_backend_name = None  # database LIKE: Chinese titles have no word breaks
    list_filter = ["mode", "is_published"]
    ordering = ["-opens_at"]
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "title",
        Column("mode", label=_("类型"), accessor="get_mode_display"),
        Column("grid", label=_("面向区域")),
        Column("opens_at", label=_("开始时间"), accessor=lambda q: _local(q.opens_at)),
        Column("closes_at", label=_("截止时间"), accessor=lambda q: _local(q.closes_at)),
    ]


def admin_viewsets() -> list:
    return [QuizViewSet("quiz_quiz")]
