"""Template variables every resident page needs."""

from __future__ import annotations


def portal(request) -> dict:
    """The active theme and the unread-message count for the bottom bar."""
    context = {"theme": getattr(request, "theme", "default")}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from django.utils.functional import SimpleLazyObject

        from core.notifications.services import unread_count

        context["unread_count"] = SimpleLazyObject(lambda: unread_count(user))
    return context
