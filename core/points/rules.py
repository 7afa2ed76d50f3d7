"""Which value, caps and approval a rule has for a resident, right now.

Plugins declare rules in their manifests (``PointRule``); administrators override
them with ``RuleSetting`` rows per site or per grid subtree. The nearest ancestor's
row wins, as for plugin states, so "+5 in the city, +10 in this village" works.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.grids.models import Grid
from core.plugins.host import host
from core.plugins.manifest import PluginManifest, PointRule

from .errors import UnknownRule
from .models import RuleSetting


@dataclass(frozen=True)
class EffectiveRule:
    code: str
    label: str
    plugin_slug: str
    points: int
    daily_cap: int | None
    monthly_cap: int | None
    needs_approval: bool
    active: bool

    @property
    def is_deduction(self) -> bool:
        return self.points < 0


def declared_rules() -> dict[str, tuple[PluginManifest, PointRule]]:
    """Every rule of every installed plugin, by code."""
    return {
        rule.code: (manifest, rule)
        for manifest in host.manifests.values()
        for rule in manifest.point_rules
    }


def effective_rule(code: str, *, site_id: int, grid: Grid | None) -> EffectiveRule:
    """The rule as it applies in ``grid`` (the resident's home grid) on ``site_id``."""
    declared = declared_rules().get(code)
    if declared is None:
        raise UnknownRule(_("未知的积分规则：%(code)s") % {"code": code})
    manifest, rule = declared
    setting = _nearest_setting(code, site_id, grid)
    if setting is None:
        return EffectiveRule(
            code, str(rule.label), manifest.slug, rule.points, rule.daily_cap,
            rule.monthly_cap, rule.needs_approval, True,
        )
    return EffectiveRule(
        code, str(rule.label), manifest.slug, setting.points, setting.daily_cap,
        setting.monthly_cap, setting.needs_approval, setting.active,
    )


def _nearest_setting(code: str, site_id: int, grid: Grid | None) -> RuleSetting | None:
    settings = list(
        RuleSetting.objects.filter(site_id=site_id, rule_code=code).select_related("grid")
    )
    best: RuleSetting | None = None
    for setting in settings:
        if setting.grid is None:
            best = best or setting
        elif grid is not None and grid.path.startswith(setting.grid.path):
            if best is None or best.grid is None or len(setting.grid.path) > len(best.grid.path):
                best = setting
    return best
