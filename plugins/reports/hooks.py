"""Hook implementations: thin, they delegate to views, services and demo.

Part B owns the resident-facing hookimpls (urls, API, home panel, 我的, search, export,
demo); part A the staff side (admin views, viewsets, health checks).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from core.plugins.hookspecs import hookimpl
from core.plugins.types import HomePanel, NavLink, SearchHit


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
def health_checks() -> list[str]:
    """A working-day calendar year that is missing, and the reports left without deadline."""
    from . import sla
    from .models import Report

    problems = []
    for year in sla.missing_calendar_years():
        problems.append(_("工作日历缺少 %(year)s 年的法定节假日和调休安排，报事办理期限无法计算，"
                          "请在“工作日历”中录入。") % {"year": year})
    waiting = Report.objects.filter(
        status__in=[Report.Status.SUBMITTED, *Report.IN_PROGRESS], due_at__isnull=True).count()
    if waiting:
        problems.append(_("有 %(n)s 件办理中的报事尚无办理期限（工作日历缺失或未设置办理时限）。")
                        % {"n": waiting})
    return problems


@hookimpl
def export_user_data(user: Any) -> dict[str, Any]:
    from .models import Report

    rows = []
    for report in Report.objects.filter(reporter=user).select_related("category").prefetch_related(
            "transitions"):
        rows.append({
            "code": report.code, "category": report.category.name,
            "description": report.description, "address": report.address,
            "status": report.status, "rating": report.rating,
            "rating_comment": report.rating_comment, "anonymous": report.anonymous,
            "created_at": report.created_at.isoformat(),
            "timeline": [
                {"to": t.to_status, "by": t.actor_label, "note": t.note,
                 "at": t.created_at.isoformat()} for t in report.transitions.all()
            ],
        })
    return {"reports": rows}


# --- resident side (part B) -----------------------------------------------------------

HOME_PANEL_SIZE = 2
SEARCH_LIMIT = 20


@hookimpl
def home_panels(request, grid):
    """我的报事: how many are being handled or wait for a rating (nothing shown when none)."""
    from django.template.loader import render_to_string

    from .models import Report
    from .views import counts, decorate, my_reports

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    numbers = counts(user)
    if not numbers["open"] and not numbers["to_rate"]:
        return []
    waiting = [*Report.OPEN, *Report.IN_PROGRESS, Report.Status.RESOLVED]
    latest = decorate(list(my_reports(user).filter(status__in=waiting)[:HOME_PANEL_SIZE]))
    # No request: the portal's context processors would add queries to every home page.
    html = render_to_string("reports/home_panel.html", {
        "open_count": numbers["open"], "to_rate": numbers["to_rate"], "latest": latest})
    return [HomePanel(title=_("我的报事"), html=html, order=20)]


@hookimpl
def user_center_links(request, user):
    from django.urls import reverse

    from .views import counts

    numbers = counts(user)
    badge = ""
    if numbers["open"]:
        badge = _("%(n)s 件办理中") % {"n": numbers["open"]}
    elif numbers["to_rate"]:
        badge = _("%(n)s 件待评价") % {"n": numbers["to_rate"]}
    return [NavLink(_("我的报事"), reverse("reports:mine"), badge=badge)]


@hookimpl
def search(request, query, terms):
    """The user's own reports whose code, description, address or category match."""
    from functools import reduce
    from operator import and_, or_

    from django.db.models import Q
    from django.urls import reverse
    from django.utils import timezone

    from .views import my_reports, status_label

    user = getattr(request, "user", None)
    words = [word for word in (terms or [query]) if word]
    if user is None or not user.is_authenticated or not words:
        return []

    def matches(word: str) -> Q:
        return (Q(code__icontains=word) | Q(description__icontains=word)
                | Q(address__icontains=word) | Q(category__name__icontains=word))

    mine = my_reports(user)
    found = list(mine.filter(reduce(and_, map(matches, words)))[:SEARCH_LIMIT])
    if not found and len(words) > 1:
        found = list(mine.filter(reduce(or_, map(matches, words)))[:SEARCH_LIMIT])
    kind = _("我的报事")
    return [
        SearchHit(
            title=f"{report.category.name} · {report.description[:30]}",
            url=reverse("reports:detail", args=[report.pk]),
            summary=_("%(code)s · %(when)s · %(status)s") % {
                "code": report.code, "status": status_label(report),
                "when": timezone.localtime(report.created_at).strftime("%Y-%m-%d")},
            kind=kind,
            score=float(sum(word in report.description for word in words)),
        )
        for report in found
    ]


@hookimpl
def load_demo_content(site):
    from .demo import load_demo

    load_demo(site)
