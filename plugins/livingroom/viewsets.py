"""The moderation queue as a plugin viewset (guarded: hidden and 404 while disabled)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import path
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from core.plugins.guards import PluginViewSetMixin

from .admin_views import NAMESPACE, BansView, ItemView, QueueView
from .manifest import MANIFEST
from .services import MODERATE_PERMISSION


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(MODERATE_PERMISSION)


class ModerationViewSetBase(ViewSet):
    name = NAMESPACE
    url_prefix = "livingroom"
    icon = MANIFEST.admin_icon
    menu_label = gettext_lazy("会客厅审核")
    menu_order = 216
    add_to_admin_menu = True
    menu_item_class = ModeratorMenuItem

    def get_urlpatterns(self) -> list:
        return [
            path("", QueueView.as_view(), name="index"),
            path("bans/", BansView.as_view(), name="bans"),
            path("<int:pk>/", ItemView.as_view(), {"kind": "post"}, name="post"),
            path("comments/<int:pk>/", ItemView.as_view(), {"kind": "comment"}, name="comment"),
        ]


class ModerationViewSet(PluginViewSetMixin, ModerationViewSetBase):
    """The mixin comes first so that it wraps the routes above with the enabled-guard."""

    plugin_slug = MANIFEST.slug


def admin_viewsets() -> list:
    return [ModerationViewSet()]
