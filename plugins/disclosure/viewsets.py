"""居民质询 in the Wagtail admin: the answer queue of the villages a cadre answers for.

Postings themselves are pages (村务公开 section of the page tree). Questions are a
ModelViewSet scoped through ``GridScopedViewSetMixin`` on the posting's village,
so a cadre of 东栅社区 neither lists nor opens (404) a question of 新兴社区.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from core.grids.scoping import GridScopedViewSetMixin
from core.plugins.guards import PluginViewSetMixin

from .admin_forms import AnswerForm
from .models import Question, QuestionStatus

SLUG = "disclosure"


class QuestionIndexView(generic.IndexView):
    def get_base_queryset(self):
        # Columns read the posting, its village and the asker: one joined query.
        return super().get_base_queryset().select_related("posting__target_grid", "asker")


class QuestionViewSet(PluginViewSetMixin, GridScopedViewSetMixin, ModelViewSet):
    plugin_slug = SLUG
    model = Question
    grid_field = "posting__target_grid"
    icon = "help"
    menu_label = _("居民质询")
    menu_order = 330
    add_to_admin_menu = True
    url_prefix = "disclosure/questions"
    index_view_class = QuestionIndexView
    search_fields = ["text", "answer"]
    search_backend_name = None  # database LIKE: Chinese text has no word breaks
    list_filter = ["status"]
    ordering = ["status", "-created_at"]
    list_per_page = 30
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["posting", "asker", "anonymous", "text", "status", "answer",
                           "answered_by", "answered_at", "created_at"]
    list_display = [
        Column("text", label=_("问题"), accessor=lambda q: q.text[:40]),
        Column("posting", label=_("公开事项"), accessor=lambda q: q.posting.title),
        Column("village", label=_("村社"), accessor=lambda q: q.posting.target_grid.name),
        Column("asker", label=_("提问人"),
               accessor=lambda q: f"{q.asker.name}（{_('匿名')}）" if q.anonymous else q.asker.name),
        StatusTagColumn("get_status_display", label=_("状态"),
                        primary=lambda q: q.status == QuestionStatus.ANSWERED),
        Column("created_at", label=_("提问时间"),
               accessor=lambda q: q.created_at.strftime("%Y-%m-%d %H:%M")),
    ]

    def get_form_class(self, for_update: bool = False):
        return AnswerForm


def admin_viewsets() -> list:
    return [QuestionViewSet("disclosure_question")]
