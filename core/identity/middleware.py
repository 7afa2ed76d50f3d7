"""Residents must accept the service agreement before using the portal."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse

# Paths usable before consent: the consent page itself, logout, assets, admin
# (staff accept in the admin's own flow), health checks and the API (which
# answers 403 with a message instead, see core.identity.api).
EXEMPT_PREFIXES = ("/static/", "/media/", "/admin/", "/healthz", "/api/", "/accounts/")


class ConsentRequiredMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.has_consented
            and not request.path.startswith(EXEMPT_PREFIXES)
        ):
            return redirect(f"{reverse('identity:consent')}?next={request.get_full_path()}")
        return self.get_response(request)
