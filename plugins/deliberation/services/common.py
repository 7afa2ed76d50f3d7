"""What every 网格议事 service shares: the refusal type, region filters, points, settings."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from wagtail.models import Site

from core.grids.models import Grid
from core.plugins.host import host
from core.points.errors import PointsError
from core.points.services import apply_rule

from ..manifest import MANIFEST


class DeliberationError(ValidationError):
    """An action that was refused; nothing was saved. The message is for residents."""


def plugin_settings() -> dict[str, Any]:
    """The plugin's settings for the default site, over the manifest defaults.

    For code without a request (admin forms, demo); views use ``request.plugins.config``.
    """
    site = Site.objects.filter(is_default_site=True).only("pk").first()
    saved = host.snapshot().config(MANIFEST.slug, site.pk if site else None)
    return {**MANIFEST.default_settings, **saved}


def in_region(grid: Grid | None, field: str = "grid") -> Q:
    """Rows aimed at ``grid`` or at any node above it (one indexed IN): what a resident sees."""
    if grid is None:
        return Q(pk__in=[])
    return Q(**{f"{field}__path__in": grid.chain_paths()})


def lives_in(user: Any, grid: Grid) -> bool:
    home = getattr(user, "home_grid", None)
    return home is not None and home.is_within(grid)


def award(user: Any, rule: str, *, key: str, reason: str, actor: Any = None,
          target: Any = None) -> tuple[int, str]:
    """(points given, why not). A refusal (cap reached, rule off) never undoes the action."""
    try:
        # A savepoint: a refused award must not poison the caller's transaction.
        with transaction.atomic():
            entry = apply_rule(user, rule, key=key, reason=reason, actor=actor, target=target)
    except PointsError as exc:
        return 0, exc.messages[0][:200]
    return entry.amount, ""


def community_of(grid: Grid | None) -> Grid | None:
    """The village/community node above ``grid`` (itself if higher): suggestions are shared
    across one community, so neighbours in other micro-grids can support them."""
    if grid is None:
        return None
    if grid.level in ("city", "county", "town", "community"):
        return grid
    return Grid.objects.filter(path__in=grid.chain_paths(), level="community").first() or grid


def screen_text(*texts: str) -> str:
    """Screen resident text through the sensitive-word service when it is installed.

    Raises DeliberationError for a blocking word (nothing is saved); returns the
    author's message when the text must be held for review ("" when it may be shown).
    """
    from django.apps import apps

    if not apps.is_installed("core.moderation"):
        return ""
    from core.moderation.services import BLOCK, HOLD, screen

    held = ""
    for text in texts:
        verdict = screen(text)
        if verdict.action == BLOCK:
            raise DeliberationError(verdict.message)
        if verdict.action == HOLD and not held:
            held = verdict.message
    return held
