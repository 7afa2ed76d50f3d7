"""Hook implementations: thin, they delegate to views, services and demo."""

from __future__ import annotations

from decimal import Decimal
from functools import reduce
from operator import and_, or_
from typing import Any

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.plugins.hookspecs import hookimpl
from core.plugins.types import HomePanel, NavLink, SearchHit

HOME_PANEL_SIZE = 3
SEARCH_LIMIT = 20


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
def home_panels(request, grid):
    """近期志愿活动 in the resident's region (one query; nothing shown when empty)."""
    from . import services

    if grid is None:
        return []
    activities = list(services.upcoming(grid)[:HOME_PANEL_SIZE])
    if not activities:
        return []
    for activity in activities:
        activity.places_left = services.places_left(activity)
    # No request: the portal's context processors would add queries to every home page.
    html = render_to_string("volunteer/home_panel.html", {"activities": activities})
    return [HomePanel(title=_("近期志愿活动"), html=html, order=30)]


@hookimpl
def user_center_links(request, user):
    from . import services

    hours = services.hours_total(user)
    badge = _("%(hours)s 小时") % {"hours": hours} if hours else ""
    return [NavLink(_("我的志愿"), reverse("volunteer:mine"), badge=badge)]


@hookimpl
def search(request, query, terms):
    """Published activities in the reader's region whose title, place or text match."""
    from core.portal.services import reader_grid

    from . import services

    words = [word for word in (terms or [query]) if word]
    grid = reader_grid(request)
    if not words or grid is None:
        return []

    def matches(word: str) -> Q:
        return (Q(title__icontains=word) | Q(place__icontains=word)
                | Q(description__icontains=word) | Q(organisation__name__icontains=word))

    visible = services.visible_activities(grid).select_related("organisation")
    found = list(visible.filter(reduce(and_, map(matches, words)))[:SEARCH_LIMIT])
    if not found and len(words) > 1:
        found = list(visible.filter(reduce(or_, map(matches, words)))[:SEARCH_LIMIT])
    kind = _("志愿服务")
    return [
        SearchHit(
            title=activity.title,
            url=reverse("volunteer:detail", args=[activity.pk]),
            summary=_("%(when)s · %(place)s · %(org)s") % {
                "when": timezone.localtime(activity.starts_at).strftime("%m-%d %H:%M"),
                "place": activity.place, "org": activity.organisation.name},
            kind=kind,
            score=float(sum(word in activity.title for word in words)),
        )
        for activity in found
    ]


@hookimpl
def export_user_data(user) -> dict[str, Any]:
    from .models import SignUp

    signups = SignUp.objects.filter(resident=user).select_related("activity__organisation")
    rows = [
        {
            "activity": s.activity.title,
            "organisation": s.activity.organisation.name,
            "place": s.activity.place,
            "starts_at": s.activity.starts_at.isoformat(),
            "status": s.status,
            "signed_up_at": s.created_at.isoformat(),
            "cancelled_at": s.cancelled_at.isoformat() if s.cancelled_at else None,
            "attended_at": s.attended_at.isoformat() if s.attended_at else None,
            "checkin_method": s.checkin_method,
            "hours": str(s.hours),
            "points": s.points_awarded,
            "points_note": s.points_note,
        }
        for s in signups.order_by("created_at")
    ]
    attended = [Decimal(row["hours"]) for row in rows if row["status"] == "attended"]
    return {
        "signups": rows,
        "hours_total": str(sum(attended, start=Decimal("0"))),
        "organisations": list(user.volunteer_organisations.values_list("name", flat=True)),
    }


@hookimpl
def load_demo_content(site):
    from .demo import load_demo

    load_demo(site)
