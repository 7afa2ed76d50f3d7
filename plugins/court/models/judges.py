"""Judges and the villages/communities they are paired with (法官结对村社, Jiaxing: 353)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.grids.models import Grid, GridLevel


class JudgeProfile(models.Model):
    """A judge's public card: court, tribunal, title, and the communities they serve.

    ``court_grid`` is the court's county: staff scoping (``scope_queryset``) goes
    through it, and every paired community must lie inside it.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("法官账号"),
                                on_delete=models.CASCADE, related_name="court_judge")
    court = models.CharField(_("所属法院"), max_length=60, help_text=_("如：南湖区人民法院"))
    tribunal = models.CharField(_("人民法庭"), max_length=60, blank=True,
                                help_text=_("如：东栅人民法庭；院本部法官可留空。"))
    title = models.CharField(_("职务"), max_length=40, blank=True,
                             help_text=_("如：员额法官、审判员、庭长"))
    court_grid = models.ForeignKey(
        Grid, verbose_name=_("法院辖区"), on_delete=models.PROTECT, related_name="+",
        help_text=_("法院所在的县（市、区）；结对村社须在此范围内。"),
    )
    paired_grids = models.ManyToManyField(
        Grid, verbose_name=_("结对村（社区）"), blank=True, related_name="court_judges",
        help_text=_("该法官结对服务的村、社区；这些村社及其网格的居民看到并可预约该法官。"),
    )
    phone = models.CharField(_("工作电话"), max_length=20, blank=True,
                             help_text=_("公开的法庭办公电话，不要填写个人手机。"))
    shared_court_place = models.CharField(
        _("共享法庭地点"), max_length=120, blank=True,
        help_text=_("线下接待的共享法庭（微法庭）地址，如：东栅社区党群服务中心二楼共享法庭。"))
    intro = models.TextField(_("简介"), blank=True)
    active = models.BooleanField(_("接受预约"), default=True)

    class Meta:
        verbose_name = _("结对法官")
        verbose_name_plural = _("结对法官")
        ordering = ["court", "pk"]

    def __str__(self) -> str:
        return f"{self.user.name}（{self.court}）"

    @property
    def name(self) -> str:
        return self.user.name

    @property
    def unit(self) -> str:
        """法院 · 法庭, as shown on cards."""
        return f"{self.court} · {self.tribunal}" if self.tribunal else self.court

    def clean_pairings(self, grids: list[Grid]) -> None:
        """Paired nodes are villages/communities inside the court's county."""
        wrong_level = [g.name for g in grids if g.level != GridLevel.COMMUNITY]
        if wrong_level:
            raise ValidationError(
                _("只能与村（社区）结对：%(names)s 不是村（社区）。") % {"names": "、".join(wrong_level)})
        if self.court_grid_id:
            outside = [g.name for g in grids if not g.path.startswith(self.court_grid.path)]
            if outside:
                raise ValidationError(_("%(names)s 不在本法院辖区内。") % {"names": "、".join(outside)})
