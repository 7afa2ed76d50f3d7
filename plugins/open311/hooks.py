"""Hook implementations: thin, they delegate to views, viewsets and templates."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.plugins.hookspecs import hookimpl
from core.plugins.types import HomePanel

DETAIL_PANEL_ORDER = 80


@hookimpl
def register_urls():
    from .urls import urlpatterns

    return urlpatterns


@hookimpl
def register_admin_viewsets():
    from .viewsets import admin_viewsets

    return admin_viewsets()


@hookimpl
def load_demo_content(site) -> None:
    from .demo import load

    load(site)


@hookimpl
def detail_panels(request, obj: Any) -> list[HomePanel]:
    """On a report filed through Open311: which system sent it and the caller's contact.

    Staff in the report's subtree only (the reporter is the system's service account);
    the phone number is masked.
    """
    if getattr(obj, "_meta", None) is None or obj._meta.label != "reports.Report":
        return []
    if obj.source != "open311" or not getattr(request.user, "is_staff", False):
        return []
    from core.grids.scoping import can_access

    from .models import Submission

    if not can_access(request.user, obj, "grid"):
        return []
    submission = Submission.objects.select_related("api_key").filter(report=obj).first()
    if submission is None:
        return []
    html = render_to_string("open311/detail_panel.html", {
        "submission": submission,
        "caller": f"{submission.last_name}{submission.first_name}".strip(),
        "phone": mask_phone(submission.phone),
    })
    return [HomePanel(title=_("Open311 来源"), html=html, order=DETAIL_PANEL_ORDER)]


def mask_phone(phone: str) -> str:
    """138****5678 / 0573****1234: enough to recognise a caller, not to call a stranger."""
    digits = phone.strip()
    if len(digits) < 8:
        return "*" * len(digits)
    return digits[:3] + "****" + digits[-4:]
