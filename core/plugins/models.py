"""Plugin state: whether each installed plugin is enabled, per site and grid subtree."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PluginState(models.Model):
    """One switch. ``grid`` empty = the whole site; otherwise that subtree.

    For a resident, the row of the nearest ancestor of their grid wins, so
    "on for the city, off for one county" is two rows.
    """

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("站点"), on_delete=models.CASCADE,
        related_name="+",
    )
    slug = models.CharField(_("应用"), max_length=40, db_index=True)
    grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("网格范围"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )
    enabled = models.BooleanField(_("启用"), default=True)
    # Settings and tile order belong to the site-wide row.
    config = models.JSONField(_("设置"), default=dict, blank=True)
    sort_order = models.SmallIntegerField(_("排序"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("应用状态")
        verbose_name_plural = _("应用状态")
        # Two partial constraints instead of nulls_distinct=False, which SQLite lacks.
        constraints = [
            models.UniqueConstraint(
                fields=["site", "slug"], condition=Q(grid__isnull=True),
                name="pluginstate_one_sitewide_row",
            ),
            models.UniqueConstraint(
                fields=["site", "slug", "grid"], condition=Q(grid__isnull=False),
                name="pluginstate_one_row_per_grid",
            ),
        ]

    def __str__(self) -> str:
        where = self.grid.name if self.grid_id else _("全站")
        return f"{self.slug} @ {where}: {'on' if self.enabled else 'off'}"


class PluginStateVersion(models.Model):
    """A singleton stamp bumped on every change; workers reload when it moves."""

    value = models.BigIntegerField(default=0)


class PluginHealth(models.Model):
    """The last error a plugin raised in any process, for administrators."""

    slug = models.CharField(max_length=40, unique=True)
    error_count = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("应用健康")
        verbose_name_plural = _("应用健康")
