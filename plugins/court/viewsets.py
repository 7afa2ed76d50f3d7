"""在线法院 in the Wagtail admin, one "在线法院" menu.

Registered through the ``register_admin_viewsets`` hook (never wagtail_hooks.py)
so that the plugin's enabled-guard applies. Judges and slots are grid-bound
(the court's county) and mix in ``GridScopedViewSetMixin``; the desk views
(cases, bookings, Q&A review) read only through scoped services.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from core.grids.scoping import GridScopedViewSetMixin
from core.plugins.guards import PluginViewSetMixin

from . import admin_views, faq
from .forms import JudgeProfileForm, SlotForm
from .manifest import SLUG
from .models import JudgeProfile, Slot


class JudgeIndexView(generic.IndexView):
    def get_base_queryset(self):
        # Users and pairings in two queries, not one per row.
        return super().get_base_queryset().select_related("user").prefetch_related("paired_grids")


class SlotIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("judge__user")


class JudgeProfileViewSet(PluginViewSetMixin, GridScopedViewSetMixin, ModelViewSet):
    plugin_slug = SLUG
    model = JudgeProfile
    grid_field = "court_grid"
    icon = "user"
    menu_label = _("结对法官")
    url_prefix = "court/judges"
    index_view_class = JudgeIndexView
    search_fields = ["court", "tribunal", "user__name"]
    search_backend_name = None  # database LIKE: Chinese names have no word breaks
    ordering = ["court", "pk"]
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        Column("user", label=_("法官"), accessor="user.name"),
        Column("court", label=_("所属法院")),
        Column("tribunal", label=_("人民法庭")),
        Column("pairings", label=_("结对村社"),
               accessor=lambda j: "、".join(g.name for g in j.paired_grids.all()) or "—"),
        Column("active", label=_("接受预约"), accessor=lambda j: _("是") if j.active else _("否")),
    ]

    def get_form_class(self, for_update: bool = False):
        return JudgeProfileForm


class SlotViewSet(PluginViewSetMixin, GridScopedViewSetMixin, ModelViewSet):
    plugin_slug = SLUG
    model = Slot
    grid_field = "judge__court_grid"
    icon = "date"
    menu_label = _("预约时段")
    url_prefix = "court/slots"
    index_view_class = SlotIndexView
    list_filter = ["kind", "mode"]
    ordering = ["-starts_at"]
    copy_view_enabled = True
    inspect_view_enabled = False
    list_display = [
        Column("starts_at", label=_("时间"), accessor=lambda s: (
            f"{timezone.localtime(s.starts_at):%Y-%m-%d %H:%M}–{timezone.localtime(s.ends_at):%H:%M}")),
        Column("judge", label=_("法官"), accessor="judge.name"),
        Column("kind", label=_("类型"), accessor="get_kind_display"),
        Column("mode", label=_("方式"), accessor="get_mode_display"),
        Column("place", label=_("地点"), accessor="where"),
    ]

    def get_form_class(self, for_update: bool = False):
        return SlotForm


class _DeskMenuItem(MenuItem):
    def __init__(self, *args, shown=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shown = shown

    def is_shown(self, request: HttpRequest) -> bool:
        return bool(self._shown(request.user))


def _desk_viewset(name: str, prefix: str, label, icon: str, order: int, view, shown):
    """A one-page admin section (queue, bookings, review) with its own menu item."""

    class Base(ViewSet):
        def get_urlpatterns(self) -> list:
            patterns = [path("", view.as_view(), name="index")]
            if view is admin_views.CaseQueueView:
                patterns += [
                    path("results/", view.as_view(results_only=True), name="index_results"),
                    path("<int:pk>/", admin_views.CaseView.as_view(), name="detail"),
                ]
            return patterns

        def get_menu_item(self, order=None):
            return _DeskMenuItem(label, self.menu_url, name=self.name, icon_name=icon,
                                 order=order or self.menu_order, shown=shown)

    class Desk(PluginViewSetMixin, Base):
        plugin_slug = SLUG

    viewset = Desk(name, url_prefix=prefix)
    viewset.menu_label, viewset.icon, viewset.menu_order = label, icon, order
    return viewset


class CourtAdminGroup(PluginViewSetMixin, ViewSetGroup):
    """One "在线法院" menu; the mixin hides it while the plugin is disabled."""

    plugin_slug = SLUG
    menu_label = _("在线法院")
    menu_icon = "calendar-check"
    menu_order = 330

    def __init__(self) -> None:
        self.items = (
            _desk_viewset(admin_views.CASES, "court/cases", _("法院案件"), "calendar-check", 100,
                          admin_views.CaseQueueView, admin_views.may_see_cases),
            _desk_viewset(admin_views.BOOKINGS, "court/bookings", _("预约名单"), "date", 200,
                          admin_views.BookingListView, admin_views.may_see_bookings),
            SlotViewSet("court_slot"),
            JudgeProfileViewSet("court_judge"),
            _desk_viewset(admin_views.ANSWERS, "court/answers", _("问答审核"), "help", 500,
                          admin_views.AnswerReviewView,
                          lambda user: user.has_perm(faq.PUBLISH_PERMISSION)),
        )
        super().__init__()


def admin_viewsets() -> list:
    return [CourtAdminGroup()]
