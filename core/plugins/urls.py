"""Mount every installed plugin's routes, guarded, under its slug.

Built once per process when the URLconf is imported; the guard decides per
request whether a route answers or 404s.
"""

from __future__ import annotations

from django.urls import include, path

from .guards import guard_urlpatterns
from .host import host


def plugin_urlpatterns() -> list:
    """/<slug>/… for every plugin that registered resident routes."""
    return [
        path(f"{slug}/", include((guard_urlpatterns(slug, patterns), slug)))
        for slug, patterns in host.call_registration("register_urls").items()
    ]


def plugin_api_urlpatterns() -> list:
    """/api/<slug>/… for every plugin that registered API routes."""
    return [
        path(f"{slug}/", include((guard_urlpatterns(slug, patterns), f"{slug}-api")))
        for slug, patterns in host.call_registration("register_api_urls").items()
    ]
