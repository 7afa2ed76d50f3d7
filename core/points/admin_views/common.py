"""Pieces the points admin views share: permission gates and menu items."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from wagtail.admin.menu import MenuItem

REVIEW_PERMISSION = "points.review_pointclaim"
ADJUST_PERMISSION = "points.adjust_points"
LEDGER_PERMISSION = "points.view_pointentry"


class PermissionRequiredMixin:
    """403 unless the user holds ``permission`` (the scope then limits the rows)."""

    permission: str = ""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def menu_item_for(permission: str) -> type[MenuItem]:
    """A MenuItem class shown only to users holding ``permission``."""

    def is_shown(self: MenuItem, request: HttpRequest) -> bool:
        return request.user.has_perm(permission)

    return type(f"PointsMenuItem_{permission.split('.')[-1]}", (MenuItem,), {"is_shown": is_shown})
