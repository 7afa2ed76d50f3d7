"""What residents may read: queries shared by the pages, the API, the home panel and search.

Every listing goes through ``news_visible_to`` so that the grid rule lives in one place,
and every listing fetches its related rows in a fixed number of queries.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpRequest
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Page, PageQuerySet, Site

from core.grids.models import Grid
from core.plugins.types import SearchHit
from core.portal.services import reader_grid

from .models import VillageNewsIndexPage, VillageNewsPage

PER_PAGE = 10
PANEL_SIZE = 3
MAX_SEARCH_HITS = 20
# Rendition of a cover in lists (4:3, twice the 80×60 CSS box for sharp phone screens).
THUMBNAIL = "fill-160x120-c100"


def visible_q(grid: Grid | None) -> Q:
    """Whole-site news plus news aimed at ``grid`` or any grid above it (no query)."""
    condition = Q(target_grid__isnull=True)
    if grid is not None:
        condition |= Q(target_grid__path__in=grid.chain_paths())
    return condition


def news_visible_to(grid: Grid | None) -> PageQuerySet:
    """Live, public news for a reader in ``grid`` (None: a visitor), newest first."""
    covers = get_image_model().objects.prefetch_renditions(THUMBNAIL)
    return (
        VillageNewsPage.objects.live().public().filter(visible_q(grid))
        .select_related("target_grid")
        .prefetch_related(Prefetch("cover", queryset=covers), "tagged_items__tag")
        .order_by("-date", "-first_published_at", "-pk")
    )


def listing_context(request: HttpRequest, index: VillageNewsIndexPage | None) -> dict[str, Any]:
    """The paginated list for the index page (or /villagenews/ when it has no page yet)."""
    news = news_visible_to(reader_grid(request))
    if index is not None:
        news = news.child_of(index)
    tag = request.GET.get("tag", "").strip()[:100]
    if tag:
        news = news.filter(tagged_items__tag__name=tag)
    return {
        "news": Paginator(news, PER_PAGE).get_page(request.GET.get("page")),
        "tag": tag,
        "query_string": urlencode({"tag": tag}) if tag else "",
    }


def latest_for(grid: Grid | None, limit: int = PANEL_SIZE) -> list[VillageNewsPage]:
    """The newest news a reader in ``grid`` may see, for the home panel."""
    return list(news_visible_to(grid)[:limit])


def search_news(request: HttpRequest, terms: list[str]) -> list[SearchHit]:
    """News the reader may see whose indexed words match ``terms``.

    As for notices: all words must match; if none does, any word may. The search
    backend only filters on declared FilterFields, so the reader's grid chain is
    turned into grid ids first (one small query).
    """
    if not terms:
        return []
    grid = reader_grid(request)
    visible = Q(target_grid__isnull=True)
    if grid is not None:
        chain = Grid.objects.filter(path__in=grid.chain_paths()).values_list("pk", flat=True)
        visible |= Q(target_grid__in=list(chain))
    candidates = VillageNewsPage.objects.live().public().filter(visible)
    text = " ".join(terms)
    found, score = list(candidates.search(text, operator="and")[:MAX_SEARCH_HITS]), 0.9
    if not found and len(terms) > 1:
        found, score = list(candidates.search(text, operator="or")[:MAX_SEARCH_HITS]), 0.6
    kind = _("村情动态")
    return [
        SearchHit(title=news.title, url=news.get_url(request) or "", summary=news.summary,
                  kind=kind, score=score)
        for news in found
    ]


def index_for_site(site: Site | None) -> VillageNewsIndexPage | None:
    """The site's 村情动态 index page, if it has one."""
    if site is None:
        return None
    return VillageNewsIndexPage.objects.descendant_of(site.root_page).first()


def ensure_index(site: Site) -> VillageNewsIndexPage:
    """The site's index page, created (published) under its root page if missing.

    Idempotent. Its slug is the plugin's slug, so the page's own URL is the app
    tile's /villagenews/ (the plugin route serves it: see views.index).
    """
    from wagtail.coreutils import find_available_slug

    existing = index_for_site(site)
    if existing is not None:
        return existing
    root: Page = site.root_page.specific
    page = VillageNewsIndexPage(
        # Stored content, not UI text: the same title whatever the admin's language.
        title="村情动态", slug=find_available_slug(root, "villagenews"),
        intro="村里、社区里的新鲜事：活动、议事、环境整治与好人好事。",
    )
    root.add_child(instance=page)
    page.save_revision().publish()
    grant_editors(page)
    return page


EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def grant_editors(index: VillageNewsIndexPage) -> None:
    """Let the 编辑 group add, edit and publish news here (idempotent).

    Which grids they may target is the page form's business (forms.py), as for notices.
    """
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from core.identity.roles import GROUP_NAMES

    group = Group.objects.filter(name=GROUP_NAMES["editor"]).first()
    if group is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=EDITOR_PAGE_PERMISSIONS
    )
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permission)
