"""Hook implementations: thin, they delegate to views, services and demo."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from core.plugins.hookspecs import hookimpl
from core.plugins.types import HomePanel, NavLink, SearchHit

HOME_PANEL_SIZE = 3
SEARCH_LIMIT = 10


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
    """正在投票 in the resident's region (nothing shown when none is open)."""
    from .services.polls import my_ballots, open_polls

    if grid is None:
        return []
    polls = list(open_polls(grid)[:HOME_PANEL_SIZE])
    if not polls:
        return []
    mine = my_ballots(request.user, polls)
    for poll in polls:
        poll.my_ballot = mine.get(poll.pk)
    html = render_to_string("deliberation/home_panel.html", {"polls": polls})
    return [HomePanel(title=_("正在投票"), html=html, order=35)]


@hookimpl
def user_center_links(request, user):
    from .models import Ballot

    count = Ballot.objects.filter(voter=user).count()
    badge = _("%(n)s 次投票") % {"n": count} if count else ""
    return [NavLink(_("我的投票/建议"), reverse("deliberation:mine"), badge=badge)]


def _matching(queryset, fields: tuple[str, ...], words: list[str]):
    query = reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields for word in words))
    return queryset.filter(query)


@hookimpl
def search(request, query, terms):
    """Topics, suggestions and published decisions the reader's region may see."""
    from core.portal.services import reader_grid

    from .services.decisions import published_decisions
    from .services.topics import visible_suggestions, visible_topics

    words = [word for word in (terms or [query]) if word]
    grid = reader_grid(request)
    if not words or grid is None:
        return []

    def score(title: str) -> float:
        return float(sum(word in title for word in words))

    hits: list[SearchHit] = []
    for topic in _matching(visible_topics(grid), ("title", "body"), words)[:SEARCH_LIMIT]:
        hits.append(SearchHit(topic.title, reverse("deliberation:topic", args=[topic.pk]),
                              summary=topic.body[:60], kind=_("议题"), score=score(topic.title)))
    for item in _matching(visible_suggestions(grid), ("title", "body"), words)[:SEARCH_LIMIT]:
        hits.append(SearchHit(item.title, reverse("deliberation:suggestion", args=[item.pk]),
                              summary=item.body[:60], kind=_("居民建议"), score=score(item.title)))
    for decision in _matching(published_decisions(grid), ("title", "description"),
                              words)[:SEARCH_LIMIT]:
        hits.append(SearchHit(decision.title, reverse("deliberation:decision", args=[decision.pk]),
                              summary=decision.description[:60], kind=_("决策公开"),
                              score=score(decision.title)))
    return hits


@hookimpl
def export_user_data(user) -> dict[str, Any]:
    from .models import Ballot, Opinion, Suggestion, Support

    ballots = Ballot.objects.filter(voter=user).select_related("poll").prefetch_related(
        "votes__choice")
    return {
        "ballots": [{"poll": b.poll.title, "at": b.created_at.isoformat(),
                     "choices": [v.choice.text for v in b.votes.all()],
                     "points": b.points_awarded} for b in ballots],
        "opinions": [{"topic": o.topic.title, "body": o.body, "at": o.created_at.isoformat()}
                     for o in Opinion.objects.filter(author=user).select_related("topic")],
        "suggestions": [{"title": s.title, "body": s.body, "status": s.status,
                         "reply": s.reply, "at": s.created_at.isoformat()}
                        for s in Suggestion.objects.filter(author=user)],
        "supports": list(Support.objects.filter(supporter=user)
                         .values_list("suggestion__title", flat=True)),
    }


@hookimpl
def load_demo_content(site):
    from .demo import load_demo

    load_demo(site)
