"""Hook implementations: thin, they delegate to services, views and demo."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.plugins.hookspecs import hookimpl
from core.plugins.types import HomePanel

REPORT_LABEL = "reports.Report"


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
    from .viewsets import admin_viewsets

    return admin_viewsets()


@hookimpl
def on_event(name: str, payload: dict[str, Any]) -> None:
    from .services import on_status_changed

    if name == "reports.status_changed":
        on_status_changed(payload)


@hookimpl
def detail_panels(request, obj):
    """The mediation record on a report's page, for the reporter and staff in scope."""
    if getattr(getattr(obj, "_meta", None), "label", "") != REPORT_LABEL:
        return []
    from .panels import panel_context

    context = panel_context(request.user, obj)
    if context is None:
        return []
    html = render_to_string("mediation/detail_panel.html", context)
    return [HomePanel(title=_("矛盾调解"), html=html, order=40)]


@hookimpl
def health_checks() -> list[str]:
    from .models import Organisation

    if not Organisation.objects.filter(active=True).exists():
        return [_("尚未登记调解组织，进入调解环节的报事无法分派。")]
    return []


@hookimpl
def export_user_data(user) -> dict[str, Any]:
    from .models import Agreement, Mediator

    posts = Mediator.objects.filter(user=user).select_related("organisation")
    agreements = Agreement.objects.filter(case__report__reporter=user).select_related("case__report")
    return {
        "mediator_posts": [{"organisation": p.organisation.name, "name": p.name, "title": p.title,
                            "speciality": p.speciality, "active": p.active} for p in posts],
        "agreements": [{"number": a.number, "report": a.case.report.code, "terms": a.terms,
                        "signed_on": a.signed_on.isoformat(),
                        "performance_deadline": a.performance_deadline.isoformat()}
                       for a in agreements],
    }


@hookimpl
def load_demo_content(site):
    from .demo import load_demo

    load_demo(site)
