"""The grid tree: city > county > town > village/community > grid > micro-grid.

A treebeard materialised path (``path``) makes "everything under this node" a
prefix match, which is how every staff query is scoped (see ``scoping.py``). The
tree is its own model, not Wagtail pages: 90,000 micro-grids need no revisions.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node


class GridLevel(models.TextChoices):
    CITY = "city", _("市")
    COUNTY = "county", _("县（市、区）")
    TOWN = "town", _("镇（街道）")
    COMMUNITY = "community", _("村（社区）")
    GRID = "grid", _("网格")
    MICROGRID = "microgrid", _("微网格")


LEVEL_ORDER = [level.value for level in GridLevel]
# Administrative divisions carry the 12-digit statistical division code; grids and
# micro-grids extend their community's code by three digits per level.
CODE_LENGTH = {
    "city": 12, "county": 12, "town": 12, "community": 12, "grid": 15, "microgrid": 18,
}


# How many leading digits a node's code shares with its parent's code (GB/T 2260 and
# the statistical division code: province 2, city 2, county 2, town 3, village 3;
# grids and micro-grids append 3 digits each).
PARENT_PREFIX = {"county": 4, "town": 6, "community": 9, "grid": 12, "microgrid": 15}

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{3,8})$")


def next_level(level: str) -> str | None:
    """The level directly below ``level`` (None below micro-grids)."""
    index = LEVEL_ORDER.index(level)
    return LEVEL_ORDER[index + 1] if index + 1 < len(LEVEL_ORDER) else None


def validate_head_phone(value: str) -> None:
    """A mobile (13800001111), a landline (0573-82001234) or a short hotline (12345)."""
    if value and not PHONE_RE.match(value):
        raise ValidationError(
            _("联系电话“%(value)s”格式不正确，应为手机号或带区号的固定电话。"),
            params={"value": value}, code="head_phone",
        )


def validate_parent_code(level: str, code: str, parent_code: str) -> None:
    """Raise unless ``code`` extends its parent's code as the division standard requires."""
    shared = PARENT_PREFIX.get(level)
    if shared and code[:shared] != parent_code[:shared]:
        raise ValidationError(
            _("区划代码%(code)s应以上级代码的前%(shared)s位“%(prefix)s”开头。"),
            params={"code": code, "shared": shared, "prefix": parent_code[:shared]},
            code="grid_parent_code",
        )


class OrganisationKind(models.TextChoices):
    COMMAND_CENTRE = "command_centre", _("社会治理综合指挥中心")
    MEDIATION_CENTRE = "mediation_centre", _("矛盾纠纷调处化解中心")
    FOUR_PLATFORMS = "four_platforms", _("综合指挥室·四个平台")
    WORK_STATION = "work_station", _("村（社区）工作站")
    GRID_TEAM = "grid_team", _("网格团队")


DEFAULT_ORGANISATION = {
    "city": OrganisationKind.COMMAND_CENTRE,
    "county": OrganisationKind.MEDIATION_CENTRE,
    "town": OrganisationKind.FOUR_PLATFORMS,
    "community": OrganisationKind.WORK_STATION,
    "grid": OrganisationKind.GRID_TEAM,
    "microgrid": OrganisationKind.GRID_TEAM,
}


def validate_grid_code(level: str, code: str) -> None:
    """Raise unless ``code`` has the digits its level requires."""
    length = CODE_LENGTH.get(level, 12)
    if not re.fullmatch(rf"\d{{{length}}}", code or ""):
        raise ValidationError(
            _("%(level)s的区划代码应为%(length)s位数字。"),
            params={"level": GridLevel(level).label, "length": length},
            code="grid_code",
        )


class Grid(MP_Node):
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=12, choices=GridLevel.choices)
    code = models.CharField(_("区划代码"), max_length=18, unique=True)
    organisation_kind = models.CharField(
        _("线下机构类型"), max_length=20, choices=OrganisationKind.choices, blank=True
    )
    organisation = models.CharField(_("线下机构"), max_length=120, blank=True)
    head_name = models.CharField(_("网格长（负责人）"), max_length=50, blank=True)
    head_phone = models.CharField(
        _("联系电话"), max_length=20, blank=True, validators=[validate_head_phone]
    )

    node_order_by = None  # children keep insertion order; never shift paths

    class Meta:
        verbose_name = _("网格节点")
        verbose_name_plural = _("网格节点")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.level not in LEVEL_ORDER:
            return  # the level field reports its own error
        try:
            validate_grid_code(self.level, self.code)
        except ValidationError as error:
            raise ValidationError({"code": error}) from error

    @property
    def tel_link(self) -> str:
        """``tel:`` URL of the grid head's phone, for one-tap calling ("" if none)."""
        digits = "".join(ch for ch in self.head_phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""

    @property
    def level_label(self) -> str:
        return GridLevel(self.level).label

    def chain(self) -> list[Grid]:
        """This node and its ancestors, root first (one query)."""
        return [*self.get_ancestors(), self]

    def chain_paths(self) -> list[str]:
        """The paths of this node and its ancestors, computed without a query."""
        step = self.steplen
        return [self.path[: i * step] for i in range(1, len(self.path) // step + 1)]

    def full_name(self) -> str:
        """浙江省嘉兴市南湖区… as one string, root first."""
        return "".join(node.name for node in self.chain())

    def is_within(self, other: Grid | None) -> bool:
        """True if this node is ``other`` or below it."""
        return other is not None and self.path.startswith(other.path)
