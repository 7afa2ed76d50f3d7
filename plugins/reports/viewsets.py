"""一键报事 configuration in the Wagtail admin: categories, bodies, routing rules, SLAs.

Administrators only (the model permissions are granted to 管理员 alone, see
migration 0002). Bodies and rules are grid-bound: ``GridScopedViewSetMixin`` keeps
an administrator of one county to that county's rows. The staff workbench (queue,
case pages, 代为报事, figures) is in ``admin_views.py``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from core.grids.scoping import GridScopedViewSetMixin
from core.plugins.guards import PluginViewSetMixin

from .admin_views import WorkbenchViewSet
from .manifest import MANIFEST
from .models import Category, HandlingBody, RoutingRule, SlaPolicy

SLUG = MANIFEST.slug


class CategoryViewSet(PluginViewSetMixin, ModelViewSet):
    plugin_slug = SLUG
    model = Category
    icon = "tag"
    menu_label = _("报事类别")
    url_prefix = "reports/categories"
    form_fields = ["name", "code", "kind", "description", "keywords", "default_urgency",
                   "is_public", "active", "order"]
    search_fields = ["name", "code"]
    search_backend_name = None  # database LIKE: Chinese names have no word breaks
    list_filter = ["kind", "active"]
    ordering = ["order", "pk"]
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = [
        "name",
        Column("code", label=_("编码")),
        Column("kind", label=_("类型"), accessor="get_kind_display"),
        Column("default_urgency", label=_("默认紧急程度"), accessor="get_default_urgency_display"),
        BooleanColumn("is_public", label=_("可公开")),
        BooleanColumn("active", label=_("启用")),
    ]


class HandlingBodyViewSet(PluginViewSetMixin, GridScopedViewSetMixin, ModelViewSet):
    plugin_slug = SLUG
    model = HandlingBody
    grid_field = "grid"
    icon = "group"
    menu_label = _("办理机构")
    url_prefix = "reports/bodies"
    form_fields = ["name", "stage", "grid", "contact_name", "contact_phone", "active"]
    search_fields = ["name"]
    search_backend_name = None
    list_filter = ["stage", "active"]
    ordering = ["stage", "name"]
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = [
        "name",
        Column("stage", label=_("办理环节"), accessor="get_stage_display"),
        Column("grid", label=_("所在网格节点")),
        Column("contact_name", label=_("联系人")),
        BooleanColumn("active", label=_("启用")),
    ]


class RoutingRuleViewSet(PluginViewSetMixin, GridScopedViewSetMixin, ModelViewSet):
    plugin_slug = SLUG
    model = RoutingRule
    grid_field = "grid"
    icon = "arrow-right"
    menu_label = _("流转规则")
    url_prefix = "reports/routing"
    form_fields = ["grid", "category", "stage", "body"]
    list_filter = ["stage", "category"]
    ordering = ["grid__path", "stage"]
    inspect_view_enabled = False
    copy_view_enabled = True
    list_display = [
        Column("grid", label=_("适用区域")),
        Column("category", label=_("报事类别"),
               accessor=lambda rule: rule.category.name if rule.category_id else _("所有类别")),
        Column("stage", label=_("办理环节"), accessor="get_stage_display"),
        Column("body", label=_("办理机构")),
    ]

    def get_form_class(self, for_update: bool = False):
        form_class = super().get_form_class(for_update)
        scope_bodies = _scoped_body_field

        class RuleForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                scope_bodies(self, kwargs.get("for_user"))

        return RuleForm


def _scoped_body_field(form, user) -> None:
    """A rule may only route to bodies the administrator can see."""
    from core.grids.scoping import scope_queryset

    field = form.fields.get("body")
    if field is not None and user is not None:
        field.queryset = scope_queryset(user, HandlingBody.objects.filter(active=True), "grid")


class SlaPolicyViewSet(PluginViewSetMixin, ModelViewSet):
    plugin_slug = SLUG
    model = SlaPolicy
    icon = "time"
    menu_label = _("办理时限")
    url_prefix = "reports/sla"
    form_fields = ["category", "urgency", "working_days"]
    list_filter = ["urgency"]
    ordering = ["category__order", "urgency"]
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = [
        Column("category", label=_("报事类别"),
               accessor=lambda p: p.category.name if p.category_id else _("所有类别（默认）")),
        Column("urgency", label=_("紧急程度"), accessor="get_urgency_display"),
        Column("working_days", label=_("办理时限（工作日）")),
    ]


class ReportsSettingsGroup(PluginViewSetMixin, ViewSetGroup):
    """One "报事设置" menu for administrators; hidden while the plugin is disabled."""

    plugin_slug = SLUG
    menu_label = _("报事设置")
    menu_icon = "cogs"
    menu_order = 8900
    items = (
        CategoryViewSet("reports_category"),
        HandlingBodyViewSet("reports_body"),
        RoutingRuleViewSet("reports_routing"),
        SlaPolicyViewSet("reports_sla"),
    )


def admin_viewsets() -> list:
    return [WorkbenchViewSet(), ReportsSettingsGroup()]
