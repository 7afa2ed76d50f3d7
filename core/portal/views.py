"""Portal views that are not Wagtail pages: health check and error pages."""

from __future__ import annotations

import os

from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from core.plugins.host import host


@never_cache
def healthz(request):
    """For load balancers: database reachable, and which worker and stamp answered."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse(
        {"status": "ok", "pid": os.getpid(), "plugins_version": host.snapshot().version}
    )


def page_not_found(request, exception=None):
    """The themed 404 page (页面不存在)."""
    return render(request, "404.html", status=404)


def server_error(request):
    """The themed 500 page, rendered without context processors: the failure may be in them."""
    return HttpResponseServerError(loader.get_template("500.html").render())
