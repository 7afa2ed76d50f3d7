"""Identity in the Wagtail admin: 实名认证 queue, badges, households, audit labels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.grids.scoping import GridScopedViewSetMixin

from . import services
from .admin_views import verification_viewset
from .models import Badge, Household


class BadgeViewSet(SnippetViewSet):
    """身份标识: the list of professional badges (党员, 法官, 律师 …) administrators edit."""

    model = Badge
    icon = "tag"
    menu_label = _("身份标识")
    menu_order = 620
    add_to_settings_menu = True
    list_display = ["name", "colour", "sort_order"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["sort_order", "name"]


class HouseholdViewSet(GridScopedViewSetMixin, SnippetViewSet):
    """家庭户, scoped to the staff member's grid subtree."""

    model = Household
    grid_field = "grid"
    icon = "home"
    menu_label = _("家庭户")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["number", "address", Column("grid", label=_("所属网格"))]
    search_fields = ["number", "address"]
    search_backend_name = None
    ordering = ["number"]


register_snippet(BadgeViewSet)
register_snippet(HouseholdViewSet)


@hooks.register("register_admin_viewset")
def register_verification_viewset():
    return verification_viewset


@hooks.register("register_log_actions")
def register_identity_log_actions(actions) -> None:
    actions.register_action(services.ACTION_VERIFIED, _("通过实名认证"), _("实名认证已通过"))
    actions.register_action(services.ACTION_REJECTED, _("退回实名认证"), _("实名认证未通过"))
