"""Site search: notices (Wagtail search on a jieba-segmented field) plus plugins' hits.

Database full-text engines see an unbroken run of Chinese characters as one
token, so notices are indexed as jieba words (``NoticePage.search_text``) and
the query is cut the same way. All words must match (operator "and"); if that
finds no notice, any word may (operator "or"), ranked by relevance.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from core.plugins.types import SearchHit

from .segment import terms as segment_terms

logger = logging.getLogger("jiayuan.search")

MAX_NOTICES = 50
MAX_HITS_PER_PLUGIN = 20
MAX_QUERY_LENGTH = 100
# Single characters that carry no meaning alone; dropped when the query has real words.
STOP_CHARACTERS = frozenset("的了和与及在是有就都而也或之对把被让给向从等")


@dataclass
class SearchResults:
    query: str
    terms: list[str] = field(default_factory=list)
    hits: list[SearchHit] = field(default_factory=list)


def query_terms(query: str) -> list[str]:
    """The jieba words of ``query``, without lone function characters like 的."""
    words = segment_terms(query[:MAX_QUERY_LENGTH])
    meaningful = [w for w in words if len(w) > 1 or w not in STOP_CHARACTERS]
    return meaningful or words


def notice_hits(request, words: list[str]) -> list[SearchHit]:
    """Notices the reader may see whose title, summary or body contains the words."""
    from core.grids.models import Grid
    from core.portal.models import NoticePage
    from core.portal.services import reader_grid

    if not words:
        return []
    grid = reader_grid(request)
    visible = Q(target_grid__isnull=True)
    if grid is not None:
        chain_ids = list(Grid.objects.filter(path__in=grid.chain_paths()).values_list("pk", flat=True))
        visible |= Q(target_grid__in=chain_ids)
    candidates = NoticePage.objects.live().public().filter(visible)
    text = " ".join(words)
    notices = list(candidates.search(text, operator="and")[:MAX_NOTICES])
    if not notices and len(words) > 1:
        notices = list(candidates.search(text, operator="or")[:MAX_NOTICES])
    kind = _("通知公告")
    return [
        SearchHit(title=notice.title, url=notice.get_url(request) or "",
                  summary=notice.summary, kind=kind)
        for notice in notices
    ]


def plugin_hits(request, query: str, words: list[str]) -> list[SearchHit]:
    """What enabled plugins contribute through the ``search`` hook, best first."""
    hits: list[SearchHit] = []
    for slug, results in request.plugins.call("search", request=request, query=query, terms=words):
        try:
            hits.extend(hit for hit in list(results)[:MAX_HITS_PER_PLUGIN]
                        if isinstance(hit, SearchHit))
        except TypeError:
            logger.warning("plugin %s returned search results that are not a list", slug)
    return sorted(hits, key=lambda hit: -hit.score)


def search_site(request, query: str) -> SearchResults:
    """Notices first (by relevance), then plugins' hits (by their score)."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    results = SearchResults(query=query)
    if not query:
        return results
    results.terms = query_terms(query)
    results.hits = [*notice_hits(request, results.terms),
                    *plugin_hits(request, query, results.terms)]
    return results
