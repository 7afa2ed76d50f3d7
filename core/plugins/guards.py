"""Guards that make a disabled plugin's URLs, admin views and pages answer 404.

A disabled plugin's URLs stay mounted (the URLconf is fixed for a process's
life); these checks run per request against ``request.plugins``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import Http404
from wagtail.utils.urlpatterns import decorate_urlpatterns


def plugin_required(slug: str, *, staff: bool = False) -> Callable:
    """View decorator: 404 unless ``slug`` is enabled for this request."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            plugins = request.plugins
            allowed = plugins.is_enabled_for_staff(slug) if staff else plugins.is_enabled(slug)
            if not allowed:
                raise Http404(f"plugin {slug} is not enabled here")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def guard_urlpatterns(slug: str, urlpatterns: list, *, staff: bool = False) -> list:
    """Wrap every view in ``urlpatterns`` (recursively) with :func:`plugin_required`."""
    return decorate_urlpatterns(urlpatterns, plugin_required(slug, staff=staff))


class PluginViewSetMixin:
    """Mix into a plugin's ModelViewSet/SnippetViewSet: its admin views 404 and its
    menu item hides while the plugin is disabled. ``plugin_slug`` is required."""

    plugin_slug: str = ""

    def get_urlpatterns(self):
        return guard_urlpatterns(self.plugin_slug, super().get_urlpatterns(), staff=True)

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        return PluginMenuItem.wrap(self.plugin_slug, item) if item else item


class PluginMenuItem:
    """Wraps a menu item's ``is_shown`` with the plugin's enabled state."""

    @staticmethod
    def wrap(slug: str, item):
        original = item.is_shown

        def is_shown(request) -> bool:
            return request.plugins.is_enabled_for_staff(slug) and original(request)

        item.is_shown = is_shown
        item.plugin_slug = slug
        return item


class PluginPageMixin:
    """Mix into a plugin's Page model: not creatable while its plugin is disabled.

    Serving is guarded by the core ``before_serve_page`` hook (404).
    """

    @classmethod
    def can_create_at(cls, parent) -> bool:
        from .context import PluginContext
        from .host import host

        site = parent.get_site() if parent is not None else None
        context = PluginContext(host.snapshot(), site.pk if site else None, None)
        return context.is_enabled_for_staff(cls._meta.app_label) and super().can_create_at(
            parent
        )
