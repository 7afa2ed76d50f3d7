"""Which rules apply to a resident: their plugin is on for the resident's home grid.

``services.apply_rule`` refuses a rule whose plugin is off where the resident
lives; these helpers give pages and forms the same answer ahead of time, for all
rules at once (one query for the settings, the plugin snapshot from memory).
"""

from __future__ import annotations

from typing import Any

from wagtail.models import Site

from core.plugins.context import PluginContext
from core.plugins.host import host

from .rules import EffectiveRule, effective_rules


def default_site() -> Site:
    return Site.objects.get(is_default_site=True)


def site_for(request: Any) -> Site:
    """The request's Wagtail site, or the default one (API clients send any host)."""
    return Site.find_for_request(request) or default_site()


def resident_context(user: Any, site: Site) -> PluginContext:
    """Plugins as the ledger sees them: by the resident's *home* grid, not a staff scope."""
    grid = user.home_grid
    return PluginContext(host.snapshot(), site.pk, grid.path if grid else None)


def rules_for_resident(user: Any, site: Site) -> list[EffectiveRule]:
    """Active rules of plugins enabled where the resident lives, awards first."""
    context = resident_context(user, site)
    rules = [
        rule for rule in effective_rules(site_id=site.pk, grid=user.home_grid)
        if rule.active and context.is_enabled(rule.plugin_slug)
    ]
    return sorted(rules, key=lambda rule: (rule.points < 0, -abs(rule.points), rule.code))


def claimable_rules(user: Any, site: Site) -> list[EffectiveRule]:
    """The rules a resident may claim (申领) for an offline deed."""
    return [rule for rule in rules_for_resident(user, site) if rule.can_be_claimed]
