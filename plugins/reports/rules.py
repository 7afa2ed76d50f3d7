"""The state machine of DOMAIN.md §4 as data: which moves exist and who may make them.

Kept apart from ``workflow.py`` (which performs moves) so pages can ask "what may
this user do now?" without importing the machinery that changes anything.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.grids.models import Grid

from .models import Report

S = Report.Status

# Stages during which a body works on the report (SLA clock running).
HANDLING = (S.GRID_ACCEPTED, S.SELF_GOV, S.MEDIATION, S.COUNTY_CENTER, S.LITIGATION,
            S.TOWN_DISPATCH, S.DEPT_HANDLING)
# 矛盾纠纷 climb the dispute ladder; other events go to the town's 四平台 and departments.
DISPUTE_ONLY = frozenset({S.SELF_GOV, S.MEDIATION, S.COUNTY_CENTER, S.LITIGATION})
NON_DISPUTE_ONLY = frozenset({S.TOWN_DISPATCH, S.DEPT_HANDLING})
# Stages a case can be pulled into by that stage's own handlers (e.g. a mediator takes a case).
PULL_IN = frozenset({S.MEDIATION, S.COUNTY_CENTER, S.LITIGATION})

MOVES: dict[str, tuple[str, ...]] = {
    S.SUBMITTED: (S.GRID_ACCEPTED, S.REJECTED, S.MERGED),
    S.GRID_ACCEPTED: (S.RESOLVED, S.SELF_GOV, S.TOWN_DISPATCH),
    S.SELF_GOV: (S.RESOLVED, S.MEDIATION),
    S.MEDIATION: (S.RESOLVED, S.COUNTY_CENTER),
    S.COUNTY_CENTER: (S.RESOLVED, S.LITIGATION),
    S.LITIGATION: (S.RESOLVED,),
    S.TOWN_DISPATCH: (S.DEPT_HANDLING, S.RESOLVED),
    S.DEPT_HANDLING: (S.RESOLVED,),
    # The reporter's rating closes it or (不满意) reopens the last stage; staff may close
    # a report the reporter never rated (综合销号).
    S.RESOLVED: (S.CLOSED,),
}

GRID_TEAM = frozenset({"grid_worker", "grid_head", "cadre", "town_operator"})
# Who handles each stage (administrators handle every stage within their scope).
STAGE_ROLES: dict[str, frozenset[str]] = {
    S.SUBMITTED: GRID_TEAM,
    S.GRID_ACCEPTED: GRID_TEAM,
    S.SELF_GOV: frozenset({"grid_head", "cadre"}),
    S.MEDIATION: frozenset({"mediator"}),
    S.COUNTY_CENTER: frozenset({"mediator"}),
    S.LITIGATION: frozenset({"judge"}),
    S.TOWN_DISPATCH: frozenset({"town_operator"}),
    S.DEPT_HANDLING: frozenset({"town_operator"}),
    S.RESOLVED: frozenset({"cadre", "town_operator"}),
}
# Cadres and town operators join the mediation stages only from county scope up.
COUNTY_STAGE_ROLES = frozenset({"cadre", "town_operator"})
COUNTY_STAGES = frozenset({S.MEDIATION, S.COUNTY_CENTER})
COUNTY_LEVELS = frozenset({"city", "county"})
# Stages whose handlers work from a node above the grid: the actor's scope must reach it.
ABOVE_GRID = frozenset({S.SELF_GOV, S.MEDIATION, S.COUNTY_CENTER, S.LITIGATION,
                        S.TOWN_DISPATCH, S.DEPT_HANDLING})

# How a report resolved at a stage is recorded unless the handler says otherwise.
DEFAULT_RESOLUTION: dict[str, str] = {
    S.GRID_ACCEPTED: "on_the_spot",
    S.SELF_GOV: "self_gov",
    S.MEDIATION: "mediation_agreement",
    S.COUNTY_CENTER: "county_center",
    S.LITIGATION: "judgment",
    S.TOWN_DISPATCH: "department",
    S.DEPT_HANDLING: "department",
}
RESOLUTIONS: dict[str, Any] = {
    "on_the_spot": _("网格现场化解"),
    "self_gov": _("自治组织调处化解"),
    "mediation_agreement": _("达成调解协议"),
    "county_center": _("矛调中心联合化解"),
    "pre_filing_mediation": _("诉前调解"),
    "judicial_confirmation": _("司法确认"),
    "judgment": _("诉讼判决"),
    "department": _("部门办结"),
}
# Resolutions reached without a court ruling: the numerator of 诉前化解率.
PRE_LITIGATION = frozenset({"on_the_spot", "self_gov", "mediation_agreement", "county_center",
                            "pre_filing_mediation", "judicial_confirmation"})

# What each move is called on a button.
MOVE_LABELS: dict[str, Any] = {
    S.GRID_ACCEPTED: _("受理"),
    S.RESOLVED: _("办结"),
    S.SELF_GOV: _("转自治组织"),
    S.MEDIATION: _("转调解组织"),
    S.COUNTY_CENTER: _("转县级矛调中心"),
    S.LITIGATION: _("转法院诉讼"),
    S.TOWN_DISPATCH: _("派镇街四平台"),
    S.DEPT_HANDLING: _("派部门办理"),
    S.REJECTED: _("不予受理"),
    S.MERGED: _("合并重复"),
    S.CLOSED: _("销号"),
}


def in_scope(user: Any, grid: Grid | None) -> bool:
    """``grid`` lies in the user's subtree (superusers see everything)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    scope = getattr(user, "scope_grid", None)
    return grid is not None and scope is not None and grid.is_within(scope)


def is_party(user: Any, report: Report) -> bool:
    """报办分离: the reporter and whoever filed for them never handle the report."""
    return user.pk in {report.reporter_id, report.filed_by_id}


def handles_stage(user: Any, report: Report, stage: str) -> bool:
    """May ``user`` act for the body handling ``stage`` of ``report``?"""
    if is_party(user, report) or not in_scope(user, report.grid):
        return False
    if stage in ABOVE_GRID and report.handling_grid_id and not user.is_superuser:
        # The handling node must be inside the actor's subtree: a village cadre cannot
        # act for the county centre, a town operator of another town cannot dispatch.
        if not in_scope(user, report.handling_grid):
            return False
    if user.has_role("administrator"):
        return True
    roles = STAGE_ROLES.get(stage, frozenset())
    if user.has_role(*roles):
        return True
    if stage in COUNTY_STAGES and user.has_role(*COUNTY_STAGE_ROLES):
        return getattr(user.scope_grid, "level", None) in COUNTY_LEVELS
    return False


def move_exists(report: Report, to_status: str) -> bool:
    if to_status not in MOVES.get(report.status, ()):
        return False
    if to_status in DISPUTE_ONLY:
        return report.category.is_dispute
    if to_status in NON_DISPUTE_ONLY:
        return not report.category.is_dispute
    return True


def may_move(user: Any, report: Report, to_status: str) -> bool:
    """The move exists and ``user`` may make it now (not the reporter's rating)."""
    if not move_exists(report, to_status):
        return False
    if handles_stage(user, report, report.status):
        return True
    if to_status in PULL_IN and not is_party(user, report) and in_scope(user, report.grid):
        # e.g. a mediator in scope takes a case from the village into mediation.
        return user.has_role(*STAGE_ROLES[to_status]) or user.has_role("administrator")
    return False


def allowed_moves(user: Any, report: Report) -> list[str]:
    """The moves ``user`` may make on ``report`` now, for buttons and the API."""
    return [to for to in MOVES.get(report.status, ()) if may_move(user, report, to)]
