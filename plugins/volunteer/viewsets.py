"""志愿服务 in the Wagtail admin: organisations and activities, scoped to the grid subtree.

Registered through the ``register_admin_viewsets`` hook (not wagtail_hooks.py) so
that the plugin's enabled-guard applies. Every viewset mixes in
``GridScopedViewSetMixin``: an organiser sees, edits and picks grids only within
their scope; any other pk answers 404.
"""

from __future__ import annotations

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from core.grids.scoping import GridScopedViewSetMixin
from core.plugins.guards import PluginViewSetMixin

from . import services
from .admin_views import ActivitySignupsView
from .forms import ActivityForm, OrganisationForm
from .models import Activity, ActivityStatus, Organisation

SLUG = "volunteer"


class ActivityIndexView(generic.IndexView):
    def get_base_queryset(self):
        # Places taken come from one annotated query, not one count per row.
        return services.with_places(super().get_base_queryset())

    def get_list_more_buttons(self, instance: Activity) -> list:
        buttons = super().get_list_more_buttons(instance)
        buttons.insert(0, ListingButton(
            _("报名与签到"), url=reverse("volunteer_activity:signups", args=[instance.pk]),
            icon_name="tasks", priority=5,
        ))
        return buttons


class _ActivityViewSetBase(ModelViewSet):
    """Below the mixins, so that PluginViewSetMixin guards the extra routes too."""

    def get_urlpatterns(self) -> list:
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/signups/", ActivitySignupsView.as_view(), name="signups"),
        ]


class ActivityViewSet(PluginViewSetMixin, GridScopedViewSetMixin, _ActivityViewSetBase):
    plugin_slug = SLUG
    model = Activity
    grid_field = "grid"
    icon = "date"
    menu_label = _("志愿活动")
    url_prefix = "volunteer/activities"
    index_view_class = ActivityIndexView
    search_fields = ["title", "place"]
    search_backend_name = None  # database LIKE: Chinese titles have no word breaks
    list_filter = ["status"]
    ordering = ["-starts_at"]
    list_per_page = 30
    copy_view_enabled = True
    inspect_view_enabled = False
    list_display = [
        "title",
        Column("organisation", label=_("组织单位")),
        Column("grid", label=_("面向区域")),
        # Not DateColumn: it renders future times as "刚刚" (it only does "… ago").
        Column("starts_at", label=_("开始时间"),
               accessor=lambda a: timezone.localtime(a.starts_at).strftime("%Y-%m-%d %H:%M")),
        Column("places", label=_("报名/名额"),
               accessor=lambda a: f"{getattr(a, 'taken', 0)}/{a.capacity}"),
        StatusTagColumn("get_status_display", label=_("状态"),
                        primary=lambda a: a.status == ActivityStatus.PUBLISHED),
    ]

    def get_form_class(self, for_update: bool = False):
        return ActivityForm


class OrganisationViewSet(PluginViewSetMixin, GridScopedViewSetMixin, ModelViewSet):
    plugin_slug = SLUG
    model = Organisation
    grid_field = "grid"
    icon = "group"
    menu_label = _("志愿组织")
    url_prefix = "volunteer/organisations"
    search_fields = ["name", "contact_name"]
    search_backend_name = None
    list_filter = ["kind"]
    ordering = ["name"]
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "name",
        Column("kind", label=_("组织类型"), accessor="get_kind_display"),
        Column("grid", label=_("所属区域")),
        Column("contact_name", label=_("联系人")),
        Column("contact_phone", label=_("联系电话")),
    ]

    def get_form_class(self, for_update: bool = False):
        return OrganisationForm


class VolunteerAdminGroup(PluginViewSetMixin, ViewSetGroup):
    """One "志愿服务" menu; the mixin hides it while the plugin is disabled."""

    plugin_slug = SLUG
    menu_label = _("志愿服务")
    menu_icon = "group"
    menu_order = 320
    items = (
        ActivityViewSet("volunteer_activity"),
        OrganisationViewSet("volunteer_organisation"),
    )


def admin_viewsets() -> list:
    return [VolunteerAdminGroup()]
