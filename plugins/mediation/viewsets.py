"""矛盾调解 in the Wagtail admin: the case workbench, organisations and mediators.

Registered through ``register_admin_viewsets`` (not wagtail_hooks.py) so that the
plugin's enabled-guard applies. The directory viewsets mix in
``GridScopedViewSetMixin``: a cadre sees and edits only organisations (and their
mediators) registered in their subtree; any other pk answers 404.
"""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from core.grids.scoping import GridScopedViewSetMixin
from core.plugins.guards import PluginViewSetMixin

from .admin_views import CaseView, QueueView, can_view
from .forms import MediatorForm, OrganisationForm
from .models import Mediator, Organisation

SLUG = "mediation"


class WorkbenchMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_view(request.user)


class _WorkbenchBase(ViewSet):
    name = "mediation_work"
    url_prefix = "mediation/work"
    icon = "group"
    menu_label = _("调解工作台")
    menu_item_class = WorkbenchMenuItem

    def get_urlpatterns(self) -> list:
        return [path("", QueueView.as_view(), name="index"),
                path("<int:pk>/", CaseView.as_view(), name="case")]


class WorkbenchViewSet(PluginViewSetMixin, _WorkbenchBase):
    """The mixin comes first so that it wraps the routes above with the enabled-guard."""

    plugin_slug = SLUG


class OrganisationViewSet(PluginViewSetMixin, GridScopedViewSetMixin, ModelViewSet):
    plugin_slug = SLUG
    model = Organisation
    grid_field = "grid"
    icon = "home"
    menu_label = _("调解组织")
    url_prefix = "mediation/organisations"
    search_fields = ["name", "address"]
    search_backend_name = None  # database LIKE: Chinese names have no word breaks
    list_filter = ["kind", "active"]
    ordering = ["grid__path", "name"]
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "name",
        Column("kind", label=_("组织类型"), accessor="get_kind_display"),
        Column("grid", label=_("服务区域")),
        Column("phone", label=_("联系电话")),
        StatusTagColumn("active", label=_("启用"), accessor=lambda o: _("启用") if o.active else _("停用"),
                        primary=lambda o: o.active),
    ]

    def get_form_class(self, for_update: bool = False):
        return OrganisationForm


class MediatorViewSet(PluginViewSetMixin, GridScopedViewSetMixin, ModelViewSet):
    plugin_slug = SLUG
    model = Mediator
    grid_field = "organisation__grid"
    icon = "user"
    menu_label = _("调解员")
    url_prefix = "mediation/mediators"
    search_fields = ["name", "speciality"]
    search_backend_name = None
    list_filter = ["active"]
    ordering = ["organisation__name", "name"]
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "name",
        Column("organisation", label=_("所属组织")),
        Column("title", label=_("职务")),
        Column("speciality", label=_("专长")),
    ]

    def get_form_class(self, for_update: bool = False):
        return MediatorForm


class MediationAdminGroup(PluginViewSetMixin, ViewSetGroup):
    """One "矛盾调解" menu; the mixin hides it while the plugin is disabled."""

    plugin_slug = SLUG
    menu_label = _("矛盾调解")
    menu_icon = "group"
    menu_order = 215
    items = (
        WorkbenchViewSet(),
        OrganisationViewSet("mediation_organisation"),
        MediatorViewSet("mediation_mediator"),
    )


def admin_viewsets() -> list:
    return [MediationAdminGroup()]
