"""/villagenews/: the app tile's target. It serves the site's 村情动态 index page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail import hooks
from wagtail.models import Site
from wagtail.views import serve_chain

from .manifest import MANIFEST
from .services import index_for_site, listing_context


def index(request: HttpRequest) -> HttpResponse:
    """The index page in place (its slug makes /villagenews/ its own URL as well).

    Before the page exists (plugin enabled but never set up), the same list is
    rendered without it, so the tile never leads to a dead end.
    """
    page = index_for_site(Site.find_for_request(request))
    if page is not None and page.live:
        return serve_like_wagtail(page, request)
    context = {"page": None, "manifest": MANIFEST, **listing_context(request, None)}
    return render(request, "villagenews/index.html", context)


def serve_like_wagtail(page, request: HttpRequest) -> HttpResponse:
    """Serve ``page`` through the hooks Wagtail's own serve view runs.

    ``on_serve_page`` enforces view restrictions (private or password-protected
    sections); ``before_serve_page`` carries the core plugin guard and the
    request-method check. Calling ``page.serve`` directly would skip them.
    """
    chain = serve_chain
    for wrap in reversed(hooks.get_hooks("on_serve_page")):
        chain = wrap(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, (), {})
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, (), {})
