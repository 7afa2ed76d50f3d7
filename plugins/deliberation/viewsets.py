"""网格议事 in the Wagtail admin: every viewset scoped to the user's grid subtree.

Registered through ``register_admin_viewsets`` (not wagtail_hooks.py) so that the
enabled-guard applies. Extra routes (results, compile, meeting, steps) are added in
``get_urlpatterns`` of a base class *below* the mixins, so the guard covers them too.
"""

from __future__ import annotations

from django.db.models import Count
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from core.grids.scoping import GridScopedViewSetMixin
from core.plugins.guards import PluginViewSetMixin

from . import admin_views
from .admin_forms import (
    CouncilAdminForm,
    MeetingAdminForm,
    NoAddPermissionPolicy,
    OpinionAdminForm,
    SuggestionAnswerForm,
)
from .forms import DecisionAdminForm, PollAdminForm
from .models import Council, Decision, IssueList, Meeting, Opinion, Poll, Suggestion, Topic

SLUG = "deliberation"


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _index_with_button(label: str, route: str, icon: str, annotate: dict | None = None):
    """An IndexView adding one "more" button per row (and annotations for its columns)."""

    class Index(generic.IndexView):
        def get_base_queryset(self):
            queryset = super().get_base_queryset()
            return queryset.annotate(**annotate) if annotate else queryset

        def get_list_more_buttons(self, instance) -> list:
            buttons = super().get_list_more_buttons(instance)
            buttons.insert(0, ListingButton(label, url=reverse(route, args=[instance.pk]),
                                            icon_name=icon, priority=5))
            return buttons

    return Index


class _Routes(ModelViewSet):
    """Adds ``extra_routes`` [(route, view class, name)] to the viewset's own URLs."""

    extra_routes: tuple = ()

    def get_urlpatterns(self) -> list:
        return [*super().get_urlpatterns(),
                *(path(route, view.as_view(), name=name) for route, view, name in self.extra_routes)]


class _Scoped(PluginViewSetMixin, GridScopedViewSetMixin):
    plugin_slug = SLUG
    search_backend_name = None  # database LIKE: Chinese has no word breaks
    inspect_view_enabled = False
    copy_view_enabled = False


class PollViewSet(_Scoped, _Routes):
    model = Poll
    icon = "list-ul"
    menu_label = _("民主投票")
    url_prefix = "deliberation/polls"
    extra_routes = (("<int:pk>/results/", admin_views.PollResultsView, "results"),)
    index_view_class = _index_with_button(_("结果与参与率"), "deliberation_poll:results", "table",
                                          {"ballot_count": Count("ballots")})
    search_fields = ["title"]
    list_filter = ["status", "kind"]
    list_display = [
        "title", Column("grid", label=_("投票范围")),
        Column("opens_at", label=_("开始"), accessor=lambda p: _when(p.opens_at)),
        Column("closes_at", label=_("截止"), accessor=lambda p: _when(p.closes_at)),
        Column("ballot_count", label=_("已投票")),
        StatusTagColumn("state_label", label=_("状态"), primary=lambda p: p.is_open()),
    ]
    edit_handler = ObjectList([
        MultiFieldPanel([
            FieldPanel("title"), FieldPanel("description"), FieldPanel("grid"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("max_choices")]),
            FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            FieldRowPanel([FieldPanel("results_mode"), FieldPanel("status")]),
        ], heading=_("投票信息")),
        InlinePanel("choices", heading=_("选项"), label=_("选项"),
                    panels=[FieldPanel("text")]),
    ], base_form_class=PollAdminForm)


class TopicViewSet(_Scoped, ModelViewSet):
    model = Topic
    icon = "comment"
    menu_label = _("议题")
    url_prefix = "deliberation/topics"
    form_fields = ["title", "grid", "body", "status"]
    search_fields = ["title", "body"]
    list_filter = ["status"]
    list_display = ["title", Column("grid", label=_("议事范围")),
                    Column("created_at", label=_("发布时间"), accessor=lambda t: _when(t.created_at)),
                    StatusTagColumn("get_status_display", label=_("状态"),
                                    primary=lambda t: t.status == "open")]

    def get_form_class(self, for_update: bool = False):
        form = super().get_form_class(for_update)

        class TopicForm(form):
            def save(self, commit: bool = True):
                topic = super().save(commit=False)
                if topic.created_by_id is None and self.for_user is not None:
                    topic.created_by = self.for_user
                if commit:
                    topic.save()
                return topic

        return TopicForm


class OpinionViewSet(_Scoped, ModelViewSet):
    """Moderation of 发表意见: staff hide an opinion (the text is kept), never rewrite it."""

    model = Opinion
    grid_field = "topic__grid"
    icon = "comment"
    menu_label = _("居民意见")
    url_prefix = "deliberation/opinions"
    add_to_admin_menu = False
    search_fields = ["body"]
    list_filter = ["hidden"]
    list_display = [Column("body", label=_("意见内容"), accessor=lambda o: o.body[:40]),
                    Column("topic", label=_("议题")),
                    Column("author", label=_("发表人"), accessor="author.name"),
                    Column("created_at", label=_("时间"), accessor=lambda o: _when(o.created_at)),
                    Column("hidden", label=_("已屏蔽"), accessor=lambda o: _("是") if o.hidden else "")]

    def get_form_class(self, for_update: bool = False):
        return OpinionAdminForm

    @cached_property
    def permission_policy(self):
        return NoAddPermissionPolicy(self.model)


class SuggestionViewSet(_Scoped, ModelViewSet):
    model = Suggestion
    icon = "help"
    menu_label = _("居民建议")
    url_prefix = "deliberation/suggestions"
    search_fields = ["title", "body"]
    list_filter = ["status"]
    index_view_class = _index_with_button(_("答复"), "deliberation_suggestion:edit", "edit",
                                          {"support_count": Count("supports")})
    ordering = ["-created_at"]
    list_display = ["title", Column("grid", label=_("所在网格")),
                    Column("author", label=_("提出人"), accessor="author.name"),
                    Column("support_count", label=_("附议"), sort_key="support_count"),
                    Column("created_at", label=_("提出时间"), accessor=lambda s: _when(s.created_at)),
                    StatusTagColumn("get_status_display", label=_("状态"),
                                    primary=lambda s: s.status == "adopted")]

    def get_form_class(self, for_update: bool = False):
        return SuggestionAnswerForm

    @cached_property
    def permission_policy(self):
        return NoAddPermissionPolicy(self.model)


class IssueListViewSet(_Scoped, _Routes):
    model = IssueList
    icon = "list-ol"
    menu_label = _("问题清单")
    url_prefix = "deliberation/issue-lists"
    extra_routes = (("<int:pk>/compile/", admin_views.CompileView, "compile"),)
    index_view_class = _index_with_button(_("汇总建议"), "deliberation_issuelist:compile",
                                          "tasks", {"item_count": Count("items")})
    form_fields = ["title", "grid", "period_start", "period_end", "note"]
    search_fields = ["title"]
    list_display = ["title", Column("grid", label=_("所属网格")),
                    Column("period", label=_("汇总期间"),
                           accessor=lambda i: f"{i.period_start:%Y-%m-%d} ~ {i.period_end:%Y-%m-%d}"),
                    Column("item_count", label=_("事项数"))]


class CouncilViewSet(_Scoped, ModelViewSet):
    model = Council
    icon = "group"
    menu_label = _("议事会")
    url_prefix = "deliberation/councils"
    search_fields = ["name"]
    list_filter = ["kind"]
    list_display = ["name", Column("kind", label=_("类型"), accessor="get_kind_display"),
                    Column("grid", label=_("所属村社")),
                    Column("frequency", label=_("例会"), accessor="get_frequency_display")]
    edit_handler = ObjectList([
        MultiFieldPanel([FieldPanel("name"), FieldPanel("kind"), FieldPanel("grid"),
                         FieldPanel("frequency"), FieldPanel("description")],
                        heading=_("议事会")),
        InlinePanel("members", heading=_("成员"), label=_("成员"), panels=[
            FieldRowPanel([FieldPanel("name"), FieldPanel("position")]), FieldPanel("user"),
            FieldPanel("introduction"),
            FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")])]),
    ], base_form_class=CouncilAdminForm)


class MeetingViewSet(_Scoped, _Routes):
    model = Meeting
    grid_field = "council__grid"
    icon = "date"
    menu_label = _("议事会会议")
    url_prefix = "deliberation/meetings"
    extra_routes = (("<int:pk>/manage/", admin_views.MeetingManageView, "manage"),)
    index_view_class = _index_with_button(_("议程与出席"), "deliberation_meeting:manage", "tasks")
    search_fields = ["title"]
    list_filter = ["status"]
    list_display = ["title", Column("council", label=_("议事会")),
                    Column("held_at", label=_("会议时间"), accessor=lambda m: _when(m.held_at)),
                    StatusTagColumn("get_status_display", label=_("状态"),
                                    primary=lambda m: m.status == "held")]

    def get_form_class(self, for_update: bool = False):
        return MeetingAdminForm


class DecisionViewSet(_Scoped, _Routes):
    model = Decision
    icon = "doc-full"
    menu_label = _("五议两公开")
    url_prefix = "deliberation/decisions"
    extra_routes = (("<int:pk>/steps/", admin_views.DecisionStepsView, "steps"),)
    index_view_class = _index_with_button(_("决策步骤"), "deliberation_decision:steps", "tasks")
    search_fields = ["title"]
    list_filter = ["stage"]
    list_display = ["title", Column("grid", label=_("所属村社")),
                    StatusTagColumn("get_stage_display", label=_("当前环节"),
                                    primary=lambda d: d.is_public),
                    Column("updated_at", label=_("更新"), accessor=lambda d: _when(d.updated_at))]

    def get_form_class(self, for_update: bool = False):
        return DecisionAdminForm


class DeliberationAdminGroup(PluginViewSetMixin, ViewSetGroup):
    """One "网格议事" menu; the mixin hides it while the plugin is disabled."""

    plugin_slug = SLUG
    menu_label = _("网格议事")
    menu_icon = "group"
    menu_order = 330
    items = (
        PollViewSet("deliberation_poll"),
        TopicViewSet("deliberation_topic"),
        SuggestionViewSet("deliberation_suggestion"),
        IssueListViewSet("deliberation_issuelist"),
        CouncilViewSet("deliberation_council"),
        MeetingViewSet("deliberation_meeting"),
        DecisionViewSet("deliberation_decision"),
    )


def admin_viewsets() -> list:
    # The opinion moderation viewset is reached from the topic pages, not the menu.
    return [DeliberationAdminGroup(), OpinionViewSet("deliberation_opinion")]
