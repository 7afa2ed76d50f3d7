"""The one bridge between plugins and Wagtail's admin.

Plugins have no wagtail_hooks.py of their own: their admin URLs, viewsets and
menu items come through the register_admin_* hookspecs and are guarded here, so
a disabled plugin's admin parts disappear and answer 404.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import state
from .admin_views import PluginsAdminViewSet, can_manage_plugins
from .guards import PluginMenuItem, PluginViewSetMixin, guard_urlpatterns
from .host import host


@hooks.register("register_admin_viewset")
def register_plugins_admin():
    return PluginsAdminViewSet("plugins_admin")


@hooks.register("register_admin_urls")
def plugin_admin_urls():
    return [
        # Own namespace: "<slug>" is the resident routes' namespace.
        path(f"p/{slug}/", include((guard_urlpatterns(slug, patterns, staff=True),
                                     f"{slug}_admin")))
        for slug, patterns in host.call_registration("register_admin_urls").items()
    ]


def _plugin_viewsets() -> list:
    accepted = []
    for slug, viewsets in host.call_registration("register_admin_viewsets").items():
        for viewset in viewsets:
            if not isinstance(viewset, PluginViewSetMixin) or viewset.plugin_slug != slug:
                host.record_error(slug, "register_admin_viewsets", TypeError(
                    f"{type(viewset).__name__} must use PluginViewSetMixin with "
                    f"plugin_slug={slug!r}"
                ))
                continue
            accepted.append(viewset)
    return accepted


_VIEWSETS = _plugin_viewsets()
for _viewset in _VIEWSETS:
    if isinstance(_viewset, SnippetViewSet):
        register_snippet(_viewset)
    else:
        hooks.register("register_admin_viewset", lambda v=_viewset: v)


class PluginsMenuItem(MenuItem):
    """Shown only to those who may manage plugins (the views refuse everyone else)."""

    def is_shown(self, request) -> bool:
        return can_manage_plugins(request.user)


@hooks.register("register_admin_menu_item")
def plugins_menu_item():
    return PluginsMenuItem(
        _("应用管理"), reverse("plugins_admin:index"), icon_name="cogs", order=9000,
        name="plugins-admin",
    )


for _slug, _items in host.call_registration("register_admin_menu_items").items():
    for _item in _items:
        hooks.register(
            "register_admin_menu_item", lambda i=_item, s=_slug: PluginMenuItem.wrap(s, i)
        )


@hooks.register("before_serve_page")
def hide_disabled_plugin_pages(page, request, serve_args, serve_kwargs):
    """A page whose model belongs to a disabled plugin answers 404."""
    slug = page.specific_class._meta.app_label if page.specific_class else None
    if slug in host.manifests and not request.plugins.is_enabled(slug):
        raise Http404


@hooks.register("register_log_actions")
def register_plugin_log_actions(actions):
    actions.register_action(state.ACTION_ENABLED, _("启用应用"), _("应用已启用"))
    actions.register_action(state.ACTION_DISABLED, _("停用应用"), _("应用已停用"))
    actions.register_action(state.ACTION_SCOPE_REMOVED, _("删除网格范围设置"), _("网格范围设置已删除"))
    actions.register_action(state.ACTION_CONFIGURED, _("修改应用设置"), _("应用设置已修改"))
    actions.register_action(state.ACTION_REORDERED, _("调整应用排序"), _("应用排序已调整"))
