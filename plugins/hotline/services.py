"""What residents see: visible numbers grouped by category, and their own grid heads.

Views, the API and the hooks all call these, so a resident sees the same numbers
on the module page, the home panel, search results and the mini-program.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.grids.models import Grid

from .models import CATEGORY_ORDER, Category, HotlineEntry

HOME_PANEL_SIZE = 3
MAX_SEARCH_HITS = 20

# Who answers at each level of the resident's own chain, nearest first.
CONTACT_ROLES = {
    "microgrid": _("微网格长"),
    "grid": _("网格长"),
    "community": _("村（社区）负责人"),
}


@dataclass(frozen=True)
class GridContact:
    """A head of the resident's own (micro-)grid or community, from the grid tree."""

    role: str
    name: str
    grid_name: str
    phone: str
    tel_link: str


@dataclass
class CategoryGroup:
    code: str
    label: str
    entries: list[HotlineEntry] = field(default_factory=list)


def visible_entries(grid: Grid | None):
    """The numbers a reader of ``grid`` may see (city-wide for visitors), best first."""
    return HotlineEntry.objects.visible_from(grid).select_related("grid").order_by(
        "sort_order", "name", "pk"
    )


def group_by_category(entries: list[HotlineEntry]) -> list[CategoryGroup]:
    """Entries in directory sections, sections in ``Category`` order, empty ones dropped."""
    groups: dict[str, CategoryGroup] = {}
    for entry in entries:
        group = groups.get(entry.category)
        if group is None:
            group = groups[entry.category] = CategoryGroup(
                entry.category, str(Category(entry.category).label)
            )
        group.entries.append(entry)
    return sorted(groups.values(), key=lambda g: CATEGORY_ORDER.get(g.code, len(CATEGORY_ORDER)))


def grid_contacts(grid: Grid | None) -> list[GridContact]:
    """Heads of the reader's micro-grid, grid and community who have a phone (one query)."""
    if grid is None:
        return []
    chain = Grid.objects.filter(path__in=grid.chain_paths(), level__in=CONTACT_ROLES)
    contacts = [
        GridContact(
            role=str(CONTACT_ROLES[node.level]), name=node.head_name, grid_name=node.name,
            phone=node.head_phone, tel_link=node.tel_link,
        )
        for node in sorted(chain, key=lambda node: -node.depth)  # nearest first
        if node.head_phone
    ]
    return contacts


def top_entries(grid: Grid | None, size: int = HOME_PANEL_SIZE) -> list[HotlineEntry]:
    """The home panel's numbers: the lowest sort orders the reader may see."""
    return list(visible_entries(grid)[:size])


def search_entries(grid: Grid | None, query: str, terms: list[str]) -> list[HotlineEntry]:
    """Visible numbers whose name, description or number contains the query or a term."""
    words = [word for word in {query.strip(), *terms} if word.strip()]
    if not words:
        return []
    match = Q()
    for word in words:
        match |= Q(name__icontains=word) | Q(description__icontains=word)
        match |= Q(number__contains=word)
    return list(visible_entries(grid).filter(match)[:MAX_SEARCH_HITS])
