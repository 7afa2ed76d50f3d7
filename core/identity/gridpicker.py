"""Choosing a home grid without JavaScript: cascading selects reloaded by GET.

The resident walks the tree county → town → community with one ``<select>`` per
level (each submitted as ``area``); the form then offers the community's grids
and micro-grids, one ``<optgroup>`` per grid. Only the nodes on the chosen path
are ever loaded, so a tree of 90,000 micro-grids stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.grids.models import Grid, GridLevel

# A resident's home is a grid or micro-grid (or a community not yet divided into grids).
HOME_LEVELS = (GridLevel.COMMUNITY, GridLevel.GRID, GridLevel.MICROGRID)


@dataclass(frozen=True)
class AreaSelect:
    """One level of the cascade: its options and the chosen one."""

    level_label: str
    options: list[Grid]
    selected: int | None


def _children(parent: Grid | None):
    nodes = Grid.get_root_nodes() if parent is None else parent.get_children()
    return nodes.only("id", "name", "level", "path", "depth", "numchild")


def area_chain(values: list[str]) -> list[Grid]:
    """The path from the root to the chosen node (at most down to a community).

    ``values`` are the submitted ``area`` ids, top level first; a value that is
    not a child of the node above it (a higher level was changed) ends the walk.
    A level with a single option is chosen automatically.
    """
    chain: list[Grid] = []
    parent: Grid | None = None
    index = 0
    while parent is None or parent.level != GridLevel.COMMUNITY:
        options = _children(parent)
        value = values[index] if index < len(values) else ""
        node = options.filter(pk=int(value)).first() if value.isdigit() else None
        if node is not None:
            index += 1
        else:
            only = list(options[:2])
            node = only[0] if len(only) == 1 else None
        if node is None:
            break
        chain.append(node)
        parent = node
    return chain


def chain_for(grid: Grid | None) -> list[Grid]:
    """The cascade's path for an already chosen home grid."""
    if grid is None:
        return []
    depth_of_community = [n for n in grid.chain() if n.level == GridLevel.COMMUNITY]
    if not depth_of_community:
        return grid.chain()
    return depth_of_community[0].chain()


def area_selects(chain: list[Grid]) -> list[AreaSelect]:
    """One select per level along ``chain``, plus the next level still to choose."""
    selects: list[AreaSelect] = []
    parent: Grid | None = None
    for index in range(len(chain) + 1):
        options = list(_children(parent))
        if not options:
            break
        selected = chain[index] if index < len(chain) else None
        selects.append(AreaSelect(options[0].level_label, options, selected.pk if selected else None))
        if selected is None or selected.level == GridLevel.COMMUNITY:
            break
        parent = selected
    return selects


def community_of(chain: list[Grid]) -> Grid | None:
    """The chosen community, once the cascade has reached one."""
    return chain[-1] if chain and chain[-1].level == GridLevel.COMMUNITY else None


def home_grid_choices(community: Grid | None) -> list[tuple[str, list[tuple[str, str]]]]:
    """The community's grids and micro-grids as ``<optgroup>`` choices, one per grid."""
    if community is None:
        return []
    nodes = list(community.get_descendants().filter(level__in=HOME_LEVELS).order_by("path"))
    if not nodes:
        return [(community.name, [(community.code, community.name)])]
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for node in nodes:
        if node.level == GridLevel.GRID or not groups:
            groups.append((node.name, []))
        groups[-1][1].append((node.code, node.name))
    return groups
