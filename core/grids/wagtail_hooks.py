"""网格管理: the grid tree in the Wagtail admin, scoped to each user's subtree."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from .models import Grid
from .page_forms import page_action_refusal
from .scoping import GridScopedViewSetMixin, guard_bulk_action
from .views import (
    GridCreateForm,
    GridCreateView,
    GridDeleteView,
    GridEditForm,
    GridFilterSet,
    GridIndexView,
    export_view,
)


class GridViewSet(GridScopedViewSetMixin, ModelViewSet):
    model = Grid
    grid_field = ""
    icon = "site"
    menu_label = _("网格管理")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = GridIndexView
    add_view_class = GridCreateView
    delete_view_class = GridDeleteView
    filterset_class = GridFilterSet
    search_fields = ["name", "code"]
    search_backend_name = None
    ordering = ["path"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "name", "level", "code", "organisation_kind", "organisation", "head_name", "head_phone",
    ]
    list_display = [
        "name",  # the title column: links to edit, carries the row's buttons
        Column("level", label=_("层级"), accessor="get_level_display"),
        Column("code", label=_("区划代码")),
        Column("parent_chain", label=_("上级")),
        Column("organisation", label=_("线下机构")),
        Column("head_name", label=_("网格长（负责人）")),
        Column("head_phone", label=_("联系电话")),
    ]

    def get_form_class(self, for_update: bool = False):
        return GridEditForm if for_update else GridCreateForm

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("export/", export_view, name="export")]


grid_viewset = GridViewSet("grid")


@hooks.register("register_admin_viewset")
def register_grid_viewset() -> GridViewSet:
    return grid_viewset


hooks.register("before_bulk_action", guard_bulk_action)


# Region rules for the page actions that skip the page form (see page_forms.py).


def _refuse_page_action(request, page):
    reason = page_action_refusal(request.user, page)
    if reason is None:
        return None
    messages.error(request, reason)
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("before_delete_page")
def guard_page_delete(request, page):
    return _refuse_page_action(request, page)


@hooks.register("before_unpublish_page")
def guard_page_unpublish(request, page):
    return _refuse_page_action(request, page)


@hooks.register("before_move_page")
def guard_page_move(request, page, destination):
    return _refuse_page_action(request, page)


@hooks.register("before_copy_page")
def guard_page_copy(request, page):
    return _refuse_page_action(request, page)


@hooks.register("before_bulk_action")
def guard_page_bulk_action(request, action_type, objects, action):
    # Wagtail passes the action's name ("delete", "unpublish", "move" …) as
    # action_type, never the model: recognise pages by their class.
    for page in objects:
        if not isinstance(page, Page):
            continue
        response = _refuse_page_action(request, page)
        if response is not None:
            return response
    return None
