"""Hook implementations: thin, they delegate to views, services and the demo loader."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from core.plugins.hookspecs import hookimpl
from core.plugins.types import NavLink

from .manifest import MANIFEST


@hookimpl
def register_urls():
    from .urls import urlpatterns

    return urlpatterns


@hookimpl
def register_api_urls():
    from .api import urlpatterns

    return urlpatterns


@hookimpl
def register_admin_viewsets():
    # A viewset, not register_admin_urls: the host mounts those in the "mailbox"
    # namespace too, which would shadow the resident routes' {% url 'mailbox:…' %}.
    from .viewsets import letter_queue_viewset

    return [letter_queue_viewset]


@hookimpl
def user_center_links(request, user) -> list[NavLink]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [NavLink(_("我的来信"), MANIFEST.entry_url)]


@hookimpl
def export_user_data(user: Any) -> dict[str, Any]:
    from .services import export_letters

    return export_letters(user)


@hookimpl
def load_demo_content(site: Any) -> None:
    from . import demo

    demo.load()
