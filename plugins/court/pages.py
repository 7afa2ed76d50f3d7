"""信息公开 helpers: the site's index page and search over the court pages."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from core.plugins.types import SearchHit

from .models import CourtInfoIndexPage, CourtNoticePage, LitigationGuidePage

INDEX_SLUG = "court-info"


def index_for_site(site: Site | None) -> CourtInfoIndexPage | None:
    if site is None:
        return None
    return CourtInfoIndexPage.objects.descendant_of(site.root_page).first()


def ensure_index(site: Site) -> CourtInfoIndexPage:
    """The site's 信息公开 index, created (published) under its root page if missing."""
    from wagtail.coreutils import find_available_slug

    existing = index_for_site(site)
    if existing is not None:
        return existing
    root: Page = site.root_page.specific
    # Stored content, not UI text: the same title whatever the admin's language.
    page = CourtInfoIndexPage(title="法院信息公开", slug=find_available_slug(root, INDEX_SLUG),
                              intro="法院公告、诉讼指南，让群众少跑腿、明明白白打官司。")
    root.add_child(instance=page)
    page.save_revision().publish()
    return page


def search_pages(request: HttpRequest, words: list[str], limit: int) -> list[SearchHit]:
    """Court notices and guides whose indexed words match (all words, else any)."""
    if not words:
        return []
    text = " ".join(words)
    hits: list[SearchHit] = []
    for model, kind in ((CourtNoticePage, _("法院公告")), (LitigationGuidePage, _("诉讼指南"))):
        pages = model.objects.live().public()
        found, score = list(pages.search(text, operator="and")[:limit]), 0.7
        if not found and len(words) > 1:
            found, score = list(pages.search(text, operator="or")[:limit]), 0.5
        hits += [SearchHit(title=p.title, url=p.get_url(request) or "", summary=p.summary,
                           kind=kind, score=score) for p in found]
    return hits
