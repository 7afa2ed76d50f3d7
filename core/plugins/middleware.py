"""Give every request its ``request.plugins`` context."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from .context import PluginContext
from .host import host


def _site_id(request) -> int | None:
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return site.pk if site else None


def _grid_path(request) -> str | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    grid = user.work_grid
    return grid.path if grid is not None else None


def plugin_context_for(request) -> PluginContext:
    """Build the context for a request (the stamp check is one cache or DB read)."""
    return PluginContext(host.snapshot(), _site_id(request), _grid_path(request))


class PluginStateMiddleware:
    """Lazily attaches ``request.plugins``; nothing is read for pages that never ask."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        request.plugins = SimpleLazyObject(lambda: plugin_context_for(request))
        return self.get_response(request)
