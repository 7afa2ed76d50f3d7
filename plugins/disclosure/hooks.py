"""Hook implementations: thin, they delegate to services, views and the demo loader."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from core.plugins.hookspecs import hookimpl
from core.plugins.types import HomePanel, NavLink, SearchHit

from .manifest import MANIFEST

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
def register_admin_menu_items():
    from .menu import menu_items

    return menu_items()


@hookimpl
def home_panels(request, grid) -> list[HomePanel]:
    """The newest postings of the reader's village (nothing for visitors)."""
    from . import services

    if grid is None:
        return []
    postings = list(services.with_counts(services.readable_postings(request.user))
                    .order_by("-first_published_at")[:HOME_PANEL_SIZE])
    if not postings:
        return []
    # No request in the context: the portal's context processors would add queries.
    html = render_to_string("disclosure/home_panel.html",
                            {"postings": postings, "index_url": MANIFEST.entry_url})
    return [HomePanel(title=_("村务公开"), html=html, order=35)]


@hookimpl
def search(request, query, terms) -> list[SearchHit]:
    """Postings the reader may read whose indexed words match (all words, else any)."""
    from . import services

    words = [word for word in (terms or [query]) if word]
    if not words:
        return []
    # The search backend filters on declared FilterFields only: pass the readable ids.
    ids = list(services.readable_postings(request.user).values_list("pk", flat=True))
    if not ids:
        return []
    from .models import PostingPage

    candidates = PostingPage.objects.live().filter(target_grid__in=list(
        PostingPage.objects.filter(pk__in=ids).values_list("target_grid", flat=True)))
    text = " ".join(words)
    found, score = list(candidates.search(text, operator="and")[:SEARCH_LIMIT]), 0.9
    if not found and len(words) > 1:
        found, score = list(candidates.search(text, operator="or")[:SEARCH_LIMIT]), 0.6
    readable = set(ids)
    return [
        SearchHit(title=posting.title, url=posting.url or "",
                  summary=f"{posting.get_kind_display()} · {posting.period_label}",
                  kind=_("村务公开"), score=score)
        for posting in found if posting.pk in readable
    ]


@hookimpl
def user_center_links(request, user) -> list[NavLink]:
    if not getattr(user, "is_authenticated", False):
        return []
    from .models import Question

    waiting = Question.objects.filter(asker=user, status="open").count()
    badge = _("%(n)s 条待答复") % {"n": waiting} if waiting else ""
    return [NavLink(_("我的质询"), reverse("disclosure:mine"), badge=badge)]


@hookimpl
def plugin_enabled(site: Any) -> None:
    from .services import ensure_index

    ensure_index(site)


@hookimpl
def health_checks() -> list[str]:
    from .models import DisclosureIndexPage

    if DisclosureIndexPage.objects.live().exists():
        return []
    return [_("还没有已发布的村务公开栏目页：停用后重新启用本应用即可自动创建。")]


@hookimpl
def export_user_data(user) -> dict[str, Any]:
    from .models import Question

    questions = Question.objects.filter(asker=user).select_related("posting").order_by("created_at")
    return {"questions": [
        {"posting": q.posting.title, "text": q.text, "anonymous": q.anonymous,
         "status": q.status, "asked_at": q.created_at.isoformat(), "answer": q.answer,
         "answered_at": q.answered_at.isoformat() if q.answered_at else None}
        for q in questions
    ]}


@hookimpl
def load_demo_content(site: Any) -> None:
    from .demo import load_demo

    load_demo(site)
