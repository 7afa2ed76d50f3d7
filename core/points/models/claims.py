"""申领: a resident asks for a rule's points for an offline good deed; staff decide.

A claim belongs to the grid the resident lived in when claiming, so the queue of
the grid workers of that grid holds it even if the resident moves later. An
approved claim points at the one ledger entry it produced (key ``claim:<pk>``).
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_PHOTOS = 3


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已通过")
    REJECTED = "rejected", _("已驳回")


class PointClaim(models.Model):
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="point_claims",
        verbose_name=_("居民"),
    )
    rule_code = models.CharField(_("积分规则"), max_length=80)
    description = models.TextField(_("事项说明"), max_length=500)
    status = models.CharField(
        _("状态"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PENDING,
        db_index=True,
    )
    # The resident's home grid at claim time: the claim is reviewed there.
    grid = models.ForeignKey(
        "grids.Grid", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属网格"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("审核人"),
    )
    review_reason = models.CharField(_("审核意见"), max_length=200, blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    entry = models.OneToOneField(
        "points.PointEntry", null=True, blank=True, on_delete=models.PROTECT,
        related_name="claim", verbose_name=_("积分流水"),
    )
    created_at = models.DateTimeField(_("申领时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("积分申领")
        verbose_name_plural = _("积分申领")
        ordering = ["-created_at", "-pk"]
        permissions = [("review_pointclaim", _("可审核积分申领"))]
        indexes = [models.Index(fields=["resident", "-created_at"], name="points_claims_mine")]

    def __str__(self) -> str:
        return f"{self.resident} · {self.rule_code} · {self.get_status_display()}"

    @property
    def is_pending(self) -> bool:
        return self.status == ClaimStatus.PENDING


def claim_photo_path(instance: PointClaimPhoto, filename: str) -> str:
    """A random name: the resident's file name may carry personal data."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"points/claims/{uuid.uuid4().hex}{suffix}"


class PointClaimPhoto(models.Model):
    claim = models.ForeignKey(PointClaim, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("照片"), upload_to=claim_photo_path)

    class Meta:
        verbose_name = _("申领照片")
        verbose_name_plural = _("申领照片")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.image.name
