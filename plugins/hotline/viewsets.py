"""热线号码 in the Wagtail admin: editors manage their subtree's numbers, superusers all.

City-wide rows (no grid) lie outside every subtree, so ``scope_queryset`` shows
them to superusers only; the form therefore makes a grid compulsory for everyone
else, or an editor could create a city-wide row and then lose sight of it.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from core.grids.scoping import GridScopedViewSetMixin
from core.plugins.guards import PluginViewSetMixin

from .manifest import MANIFEST
from .models import HotlineEntry


class HotlineEntryForm(WagtailAdminModelForm):
    def clean(self) -> dict:
        cleaned = super().clean()
        user = self.for_user
        if (
            "grid" in self.fields
            and not cleaned.get("grid")
            and not self.has_error("grid")
            and user is not None
            and not user.is_superuser
        ):
            self.add_error("grid", _(
                "请选择适用网格：您只能维护本辖区的号码，全市通用号码由系统管理员维护。"
            ))
        return cleaned


class HotlineEntryFilterSet(WagtailFilterSet):
    class Meta:
        model = HotlineEntry
        fields = ["category", "grid"]


class HotlineEntryIndexView(IndexView):
    def get_base_queryset(self):
        # The 适用范围 column reads each row's grid name: one join, not one query a row.
        return super().get_base_queryset().select_related("grid")


class HotlineEntryViewSet(PluginViewSetMixin, GridScopedViewSetMixin, ModelViewSet):
    plugin_slug = MANIFEST.slug
    model = HotlineEntry
    grid_field = "grid"
    icon = MANIFEST.admin_icon
    menu_label = _("便民热线")
    menu_order = 320
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = HotlineEntryIndexView
    filterset_class = HotlineEntryFilterSet
    search_fields = ["name", "number", "description"]
    search_backend_name = None  # plain icontains: the model is not in the search index
    ordering = ["category", "sort_order", "name"]
    list_per_page = 50
    list_display = [
        "name",
        Column("number", label=_("电话号码")),
        Column("category", label=_("分类"), accessor="get_category_display"),
        Column("scope_label", label=_("适用范围")),
        Column("hours", label=_("服务时间")),
        Column("sort_order", label=_("排序")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("category"),
            FieldRowPanel([FieldPanel("name"), FieldPanel("number")]),
            FieldPanel("description", widget=forms.Textarea(attrs={"rows": 2})),
            FieldRowPanel([FieldPanel("hours"), FieldPanel("sort_order")]),
            FieldPanel("grid"),
        ],
        base_form_class=HotlineEntryForm,
    )


hotline_viewset = HotlineEntryViewSet("hotline_entries")
