"""Hook implementations: thin, they delegate to services, views and the demo loader."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from core.plugins.hookspecs import hookimpl
from core.plugins.types import HomePanel, NavLink, SearchHit

from .manifest import SLUG

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
def user_center_links(request, user) -> list[NavLink]:
    from .models import BookingStatus
    from .services import my_bookings

    if not getattr(user, "is_authenticated", False):
        return []
    waiting = my_bookings(user).filter(status=BookingStatus.BOOKED).count()
    badge = _("%(n)s 个待参加") % {"n": waiting} if waiting else ""
    return [NavLink(_("我的预约（在线法院）"), reverse(f"{SLUG}:mine"), badge=badge)]


@hookimpl
def detail_panels(request, obj) -> list[HomePanel]:
    """The court record (judge, session, outcome) on a report's pages, for those who may see it."""
    if getattr(getattr(obj, "_meta", None), "label", "") != "reports.Report":
        return []
    from .litigation import court_record

    case = court_record(request.user, obj)
    if case is None:
        return []
    html = render_to_string("court/detail_panel.html", {"case": case})
    return [HomePanel(title=_("法院诉讼"), html=html, order=60)]


@hookimpl
def on_event(name: str, payload: dict[str, Any]) -> None:
    if name == "reports.status_changed" and payload.get("to") == "litigation":
        from .litigation import receive

        receive(payload["report_id"])


@hookimpl
def search(request, query: str, terms: list[str]) -> list[SearchHit]:
    """Published FAQ and court pages (public information) matching the words."""
    from .faq import search_faq
    from .pages import search_pages

    words = [word for word in (terms or [query]) if word]
    kind = _("法治互动")
    hits = [
        SearchHit(title=q.title, url=reverse(f"{SLUG}:question", args=[q.pk]),
                  summary=(q.public_answers[0].body[:60] if q.public_answers else ""), kind=kind,
                  score=0.8 + 0.1 * sum(word in q.title for word in words))
        for q in search_faq(words, SEARCH_LIMIT)
    ]
    return hits + search_pages(request, words, SEARCH_LIMIT)


@hookimpl
def plugin_enabled(site: Any) -> None:
    from .pages import ensure_index

    ensure_index(site)


@hookimpl
def health_checks() -> list[str]:
    from .models import CourtInfoIndexPage, JudgeProfile

    problems = []
    if not CourtInfoIndexPage.objects.live().exists():
        problems.append(_("还没有已发布的法院信息公开栏目页：停用后重新启用本应用即可自动创建。"))
    if not JudgeProfile.objects.filter(active=True, paired_grids__isnull=False).exists():
        problems.append(_("还没有与村（社区）结对的法官：请在“在线法院 > 结对法官”中维护。"))
    return problems


@hookimpl
def export_user_data(user: Any) -> dict[str, Any]:
    from .export import export

    return export(user)


@hookimpl
def load_demo_content(site: Any) -> None:
    from .demo import load_demo

    load_demo(site)
