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
    claimable: bool = False  # residents may claim it (申领), staff approve

    @property
    def is_deduction(self) -> bool:
        return self.points < 0

    @property
    def can_be_claimed(self) -> bool:
        """A resident may ask for it: an active award that staff approve or that is claimable."""
        return self.active and self.points > 0 and (self.needs_approval or self.claimable)


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
    settings = RuleSetting.objects.filter(site_id=site_id, rule_code=code).select_related("grid")
    return _effective(*declared, _nearest(list(settings), grid))


def effective_rules(*, site_id: int, grid: Grid | None) -> list[EffectiveRule]:
    """Every declared rule as it applies in ``grid``, with one query (by code)."""
    declared = declared_rules()
    settings: dict[str, list[RuleSetting]] = {}
    for setting in RuleSetting.objects.filter(site_id=site_id).select_related("grid"):
        settings.setdefault(setting.rule_code, []).append(setting)
    return [
        _effective(manifest, rule, _nearest(settings.get(code, []), grid))
        for code, (manifest, rule) in sorted(declared.items())
    ]


def rule_labels() -> dict[str, str]:
    """Rule code → label, for lists of entries and claims (no query)."""
    return {code: str(rule.label) for code, (_manifest, rule) in declared_rules().items()}


def _effective(manifest: PluginManifest, rule: PointRule, setting: RuleSetting | None
               ) -> EffectiveRule:
    # A manifest may one day declare ``claimable``; until then only settings do.
    if setting is None:
        return EffectiveRule(
            rule.code, str(rule.label), manifest.slug, rule.points, rule.daily_cap,
            rule.monthly_cap, rule.needs_approval, True, getattr(rule, "claimable", False),
        )
    return EffectiveRule(
        rule.code, str(rule.label), manifest.slug, setting.points, setting.daily_cap,
        setting.monthly_cap, setting.needs_approval, setting.active, setting.claimable,
    )


def _nearest(settings: list[RuleSetting], grid: Grid | None) -> RuleSetting | None:
    """The site-wide row, unless a row for an ancestor of ``grid`` is nearer."""
    best: RuleSetting | None = None
    for setting in settings:
        if setting.grid is None:
            best = best or setting
        elif grid is not None and grid.path.startswith(setting.grid.path):
            if best is None or best.grid is None or len(setting.grid.path) > len(best.grid.path):
                best = setting
    return best
