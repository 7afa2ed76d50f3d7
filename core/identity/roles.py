"""Roles are Django groups with stable names; permissions attach to the groups.

A user may hold several roles (a judge is also a resident). Staff roles are
scoped to ``User.scope_grid``: the subtree of the grid tree they answer for.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("居民")
    GRID_WORKER = "grid_worker", _("网格员")
    GRID_HEAD = "grid_head", _("网格长")
    CADRE = "cadre", _("社区干部")
    TOWN_OPERATOR = "town_operator", _("镇街操作员")
    MEDIATOR = "mediator", _("调解员")
    JUDGE = "judge", _("法官")
    COUNSELOR = "counselor", _("心理咨询师")
    EDITOR = "editor", _("编辑")
    ADMINISTRATOR = "administrator", _("管理员")


# Group names are data, stored once in Chinese; code refers to roles by value.
GROUP_NAMES: dict[str, str] = {
    "resident": "居民",
    "grid_worker": "网格员",
    "grid_head": "网格长",
    "cadre": "社区干部",
    "town_operator": "镇街操作员",
    "mediator": "调解员",
    "judge": "法官",
    "counselor": "心理咨询师",
    "editor": "编辑",
    "administrator": "管理员",
}

# Roles that work queues in the admin, each within their scope grid.
STAFF_ROLES = frozenset(GROUP_NAMES) - {"resident"}
# Roles allowed to verify residents' real names (实名认证).
VERIFIER_ROLES = frozenset({"grid_worker", "grid_head", "cadre", "town_operator"})
