"""Which grid node (and body) handles a report at a stage: data first, the tree as fallback.

Administrators map category × grid subtree × stage to a ``HandlingBody`` in the
admin. Where no rule exists the report goes to the offline counterpart the
platform already knows for that level of the grid tree (the grid team, the
village/community, the town's 四平台, the county 矛调中心), so a fresh
installation routes sensibly before anyone has entered rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Length

from core.grids.models import Grid

from .models import HandlingBody, Report, RoutingRule, Stage

# The grid-tree level whose node handles a stage when no routing rule applies.
FALLBACK_LEVEL: dict[str, str] = {
    Stage.GRID_ACCEPTED: "grid",
    Stage.SELF_GOV: "community",
    Stage.MEDIATION: "town",
    Stage.COUNTY_CENTER: "county",
    Stage.LITIGATION: "county",
    Stage.TOWN_DISPATCH: "town",
    Stage.DEPT_HANDLING: "town",  # the 四平台 line departments; a rule may name a county one
}


@dataclass(frozen=True)
class Route:
    grid: Grid
    body: HandlingBody | None


def find_rule(report: Report, stage: str) -> RoutingRule | None:
    """The most specific active rule: deepest grid first, then a category rule over "any"."""
    paths = report.grid.chain_paths()
    return RoutingRule.objects.filter(
        Q(category_id=report.category_id) | Q(category__isnull=True),
        stage=stage, grid__path__in=paths, body__active=True,
    ).select_related("body__grid").annotate(
        depth=Length("grid__path"),
        specific=Case(When(category__isnull=True, then=Value(0)), default=Value(1),
                      output_field=IntegerField()),
    ).order_by("-depth", "-specific").first()


def fallback_grid(report_grid: Grid, stage: str) -> Grid:
    """The ancestor of ``report_grid`` at the stage's level (or the nearest one above)."""
    level = FALLBACK_LEVEL.get(stage, "grid")
    chain = report_grid.chain()  # root first
    at_level = [node for node in chain if node.level == level]
    if at_level:
        return at_level[-1]
    # The report sits above that level (e.g. filed at a community for the grid stage):
    # its own node is the closest handler.
    return report_grid


def route(report: Report, stage: str) -> Route:
    rule = find_rule(report, stage)
    if rule is not None:
        return Route(rule.body.grid, rule.body)
    return Route(fallback_grid(report.grid, stage), None)
