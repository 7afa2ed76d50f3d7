"""Hook implementations: thin, they delegate to views, services and demo."""

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
def register_admin_viewsets():
    from .viewsets import admin_viewsets

    return admin_viewsets()


@hookimpl
def user_center_links(request, user):
    return [NavLink(_("我的答题"), reverse("quiz:index"))]


@hookimpl
def export_user_data(user) -> dict[str, Any]:
    from .models import Attempt

    rows = Attempt.objects.filter(resident=user).select_related("quiz").order_by("started_at")
    return {"attempts": [
        {"quiz": a.quiz.title, "number": a.number, "started_at": a.started_at.isoformat(),
         "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
         "answers": a.answers, "score": a.score, "passed": a.passed, "timed_out": a.timed_out,
         "points": a.points_awarded}
        for a in rows]}


@hookimpl
def load_demo_content(site):
    from .demo import load_demo

    load_demo(site)
