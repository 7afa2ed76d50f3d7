"""Hook implementations: thin, they delegate to views, services and demo.

Deliberately absent: admin viewsets and search. Counselling records (notes,
messages, scale results) must never reach the admin or search results.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from core.plugins.hookspecs import hookimpl
from core.plugins.types import NavLink


@hookimpl
def register_urls():
    from .urls import urlpatterns

    return urlpatterns


@hookimpl
def register_api_urls():
    from .api import urlpatterns

    return urlpatterns


@hookimpl
def user_center_links(request, user):
    from . import services

    links = [NavLink(_("我的嘉心"), reverse("psych:mine"))]
    if services.in_counselor_group(user):
        links.append(NavLink(_("咨询师工作台"), reverse("psych:desk")))
    return links


@hookimpl
def export_user_data(user) -> dict[str, Any]:
    """The resident's own records. Counselors' notes are the counselor's, not exported."""
    from .models import Appointment, Message, ScaleResult

    appointments = Appointment.objects.filter(resident=user).select_related("slot__profile")
    return {
        "scale_results": [{"scale": r.scale, "score": r.score, "band": r.band,
                           "date": r.created_at.isoformat()}
                          for r in ScaleResult.objects.filter(resident=user)],
        "appointments": [{"counselor": a.slot.profile.display_name,
                          "starts_at": a.slot.starts_at.isoformat(), "status": a.status}
                         for a in appointments],
        "messages_sent": [{"appointment": m.appointment_id, "body": m.body,
                           "sent_at": m.created_at.isoformat()}
                          for m in Message.objects.filter(sender=user,
                                                          appointment__resident=user)],
        "questions": list(user.psych_questions.values("title", "body", "answer", "created_at")),
    }


@hookimpl
def load_demo_content(site):
    from .demo import load_demo

    load_demo(site)
