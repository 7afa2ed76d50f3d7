"""The hotline directory: one row per service number, city-wide or for a grid subtree."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.grids.models import Grid

# Digits and hyphens, 3–20 characters, a digit at both ends: covers short codes
# (110, 96345, 12345), mobiles and landlines with an area code (0573-82001234).
validate_hotline_number = RegexValidator(
    r"^\d[\d-]{1,18}\d$",
    _("电话号码只能由数字和连字符“-”组成，长度为3到20位，且须以数字开头和结尾。"),
    code="hotline_number",
)


class Category(models.TextChoices):
    """Directory sections, in the order residents see them (most urgent first)."""

    EMERGENCY = "emergency", _("紧急求助")
    SERVICE = "service", _("便民服务")
    UTILITY = "utility", _("水电气抢修")
    ASSISTANCE = "assistance", _("法律与心理援助")
    COMMUNITY = "community", _("社区网格")


CATEGORY_ORDER = {value: index for index, value in enumerate(Category.values)}


class HotlineEntryQuerySet(models.QuerySet):
    def visible_from(self, grid: Grid | None) -> QuerySet[HotlineEntry]:
        """City-wide rows plus rows bound to ``grid`` or one of its ancestors.

        A row bound to a grid is for the residents of that subtree, so a resident
        sees it when the row's grid lies on the chain from the root to their grid.
        """
        visible = Q(grid__isnull=True)
        if grid is not None:
            visible |= Q(grid__path__in=grid.chain_paths())
        return self.filter(visible)


class HotlineEntry(models.Model):
    category = models.CharField(
        _("分类"), max_length=20, choices=Category.choices, default=Category.SERVICE
    )
    name = models.CharField(_("名称"), max_length=60)
    number = models.CharField(
        _("电话号码"), max_length=20, validators=[validate_hotline_number],
        help_text=_("只填数字和连字符，如 96345、0573-82001234。"),
    )
    description = models.CharField(_("服务说明"), max_length=200, blank=True)
    hours = models.CharField(
        _("服务时间"), max_length=60, blank=True, help_text=_("如：24小时；工作日 8:30–17:00。")
    )
    sort_order = models.PositiveSmallIntegerField(
        _("排序"), default=100, help_text=_("数字越小越靠前；最靠前的三个号码显示在首页“一键拨号”。")
    )
    grid = models.ForeignKey(
        Grid, verbose_name=_("适用网格"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
        help_text=_("留空表示全市通用；选择网格后，只有该网格及下级的居民能看到。"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = HotlineEntryQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("热线号码")
        verbose_name_plural = _("热线号码")
        indexes = [models.Index(fields=["sort_order", "name"])]

    def __str__(self) -> str:
        return f"{self.name} {self.number}"

    @property
    def tel_link(self) -> str:
        """``tel:`` URL for one-tap dialling (hyphens are for reading only)."""
        return "tel:" + self.number.replace("-", "")

    @property
    def scope_label(self) -> str:
        return self.grid.name if self.grid_id else str(_("全市"))
