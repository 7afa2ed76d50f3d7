"""What the resident pages show, computed once per request."""

from __future__ import annotations

from core.grids.models import Grid


def reader_grid(request) -> Grid | None:
    """The grid whose notices and apps a visitor sees: their home grid, if any."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return user.home_grid or user.scope_grid


def grid_card(grid: Grid | None) -> Grid | None:
    """The nearest node in the chain with a named head: the resident's grid card."""
    if grid is None:
        return None
    for node in reversed(grid.chain()):
        if node.head_name:
            return node
    return None


def home_context(request) -> dict:
    """The app grid, the latest notices for the grid chain, the grid card, panels."""
    from .models import notices_visible_to

    grid = reader_grid(request)
    panels = [
        panel
        for _slug, items in request.plugins.call("home_panels", request=request, grid=grid)
        for panel in items
    ]
    return {
        "tiles": request.plugins.tiles(),
        "latest_notices": list(notices_visible_to(grid)[:5]),
        "reader_grid": grid,
        "grid_card": grid_card(grid),
        "home_panels": sorted(panels, key=lambda p: p.order),
    }
