"""Administrators' values for the rules plugins declare, per site or grid subtree."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleSetting(models.Model):
    """Overrides a manifest ``PointRule`` for a site, or for one grid subtree of it.

    The row of the nearest ancestor of the resident's grid wins, like plugin states.
    New entries use the values in force when they are made; old entries keep theirs.
    """

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    grid = models.ForeignKey(
        "grids.Grid", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("适用网格"), help_text=_("留空表示全站"),
    )
    rule_code = models.CharField(_("规则代码"), max_length=80)
    points = models.IntegerField(_("分值"), help_text=_("正数为奖励，负数为扣减"))
    daily_cap = models.PositiveIntegerField(
        _("每日上限"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    monthly_cap = models.PositiveIntegerField(
        _("每月上限"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    needs_approval = models.BooleanField(_("需工作人员审核"), default=False)
    active = models.BooleanField(_("启用"), default=True)
    # Lets residents claim a rule that plugins award automatically (e.g. an
    # activity done offline); the claim still goes through staff review.
    claimable = models.BooleanField(
        _("允许居民申领"), default=False,
        help_text=_("居民可就该规则提交申领，由工作人员审核后计分"),
    )

    class Meta:
        verbose_name = _("积分规则设置")
        verbose_name_plural = _("积分规则设置")
        constraints = [
            models.UniqueConstraint(fields=["site", "rule_code"], condition=models.Q(grid=None),
                                    name="points_rule_sitewide_unique"),
            models.UniqueConstraint(fields=["site", "rule_code", "grid"],
                                    name="points_rule_grid_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_code} {self.points:+d}"
