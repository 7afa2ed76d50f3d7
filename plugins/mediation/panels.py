"""What a report's page shows of its mediation, decided per viewer.

The reporter sees organisation, mediator name, session times and the agreement
link; staff in scope also see session notes and a link to the case. Others: nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from . import services
from .models import Case, Session


def panel_context(user: Any, report: Any) -> dict[str, Any] | None:
    if not getattr(user, "is_authenticated", False):
        return None
    is_reporter = report.reporter_id == user.pk
    is_staff = services.staff_cases(user).filter(report=report).exists()
    if not (is_reporter or is_staff):
        return None
    cases = list(Case.objects.filter(report=report)
                 .select_related("organisation", "mediator", "agreement")
                 .prefetch_related(Prefetch("sessions", Session.objects.order_by("starts_at")))
                 .order_by("opened_at"))
    if not cases:
        return None
    now = timezone.now()
    for case in cases:
        case.session_list = list(case.sessions.all())
        case.upcoming = [s for s in case.session_list if s.starts_at > now]
        # A missing reverse one-to-one raises an AttributeError subclass: getattr's default.
        case.agreement_or_none = getattr(case, "agreement", None)
    return {"cases": cases, "show_notes": is_staff, "is_staff": is_staff, "now": now}
