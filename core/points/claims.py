"""申领 services: a resident submits, a grid worker of the claim's grid decides.

Approval writes the ledger entry (``apply_rule(..., approved=True,
key=f"claim:{pk}")``) and the claim's status in one transaction, so a refused
award (a cap reached, a plugin since disabled) leaves the claim pending and no
entry; approving twice awards once. The resident is told either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Site

from core.grids.scoping import scope_queryset
from core.notifications.services import notify

from .availability import claimable_rules, default_site
from .errors import PointsError, RuleNotAvailable
from .models import MAX_PHOTOS, ClaimStatus, PointClaim, PointClaimPhoto
from .rules import EffectiveRule, rule_labels
from .services import apply_rule

ACTION_CLAIM_APPROVED = "jiayuan.points_claim_approved"
ACTION_CLAIM_REJECTED = "jiayuan.points_claim_rejected"
# Enough for a busy week of good deeds; stops a resident flooding the queue.
MAX_PENDING_CLAIMS = 5
CLAIMS_URL = "/points/claims/"


class ClaimAlreadyDecided(PointsError):
    """The claim was approved or rejected already (perhaps by a colleague just now)."""


def claim_blocker(user: Any) -> str:
    """Why this user cannot claim at all yet ("" when they can)."""
    if user.home_grid_id is None:
        return _("请先在“我的”中选择居住网格，再申领积分。")
    if not user.is_verified:
        return _("请先完成实名认证，再申领积分。")
    return ""


def claimable_rule(user: Any, rule_code: str, site: Site) -> EffectiveRule:
    """The rule if ``user`` may claim it now, else RuleNotAvailable."""
    for rule in claimable_rules(user, site):
        if rule.code == rule_code:
            return rule
    raise RuleNotAvailable(_("该积分规则不可申领，或在您所在的区域未启用。"))


def submit_claim(resident: Any, *, rule_code: str, description: str,
                 photos: Sequence[UploadedFile] = (), site: Site | None = None) -> PointClaim:
    """Create a pending claim with its photos, all or nothing."""
    site = site or default_site()
    description = (description or "").strip()
    blocker = claim_blocker(resident)
    if blocker:
        raise PointsError(blocker)
    if not description:
        raise PointsError(_("请说明您做了什么好事。"))
    if len(photos) > MAX_PHOTOS:
        raise PointsError(_("最多上传 %(max)s 张照片。") % {"max": MAX_PHOTOS})
    claimable_rule(resident, rule_code, site)
    pending = PointClaim.objects.filter(resident=resident, status=ClaimStatus.PENDING).count()
    if pending >= MAX_PENDING_CLAIMS:
        raise PointsError(_("您已有 %(count)s 条申领待审核，请等审核后再提交。")
                          % {"count": pending})
    written: list[PointClaimPhoto] = []
    try:
        with transaction.atomic():
            claim = PointClaim.objects.create(
                resident=resident, rule_code=rule_code, description=description,
                grid_id=resident.home_grid_id,
            )
            for upload in photos:
                photo = PointClaimPhoto(claim=claim)
                photo.image.save(upload.name, upload, save=False)
                written.append(photo)
                photo.save()
    except BaseException:
        # The rows rolled back; the files written to storage would be orphans.
        for photo in written:
            photo.image.delete(save=False)
        raise
    return claim


def reviewable_claims(user: Any):
    """Claims in ``user``'s grid subtree (all for superusers, none for others)."""
    queryset = PointClaim.objects.select_related("resident", "grid", "reviewer", "entry")
    return scope_queryset(user, queryset, "grid")


def _locked_claim(pk: int, reviewer: Any) -> PointClaim:
    """The claim, row-locked, if the reviewer's scope holds it (else DoesNotExist)."""
    if not reviewable_claims(reviewer).filter(pk=pk).exists():
        raise PointClaim.DoesNotExist
    claim = PointClaim.objects.select_for_update().select_related("resident").get(pk=pk)
    if claim.resident_id == reviewer.pk:
        raise PointsError(_("不能审核本人的申领。"))
    if claim.status != ClaimStatus.PENDING:
        raise ClaimAlreadyDecided(
            _("该申领已于 %(time)s %(status)s，无需重复审核。") % {
                "time": timezone.localtime(claim.reviewed_at).strftime("%Y-%m-%d %H:%M")
                if claim.reviewed_at else "",
                "status": claim.get_status_display(),
            }
        )
    return claim


def approve_claim(pk: int, reviewer: Any, *, reason: str = "", site: Site | None = None
                  ) -> PointClaim:
    """Award the claim's rule once; PointsError (e.g. CapReached) leaves it pending."""
    with transaction.atomic():
        claim = _locked_claim(pk, reviewer)
        label = _rule_label(claim)
        entry = apply_rule(
            claim.resident, claim.rule_code, key=f"claim:{claim.pk}", approved=True,
            actor=reviewer, target=claim, site=site or default_site(),
            reason=_("申领：%(rule)s") % {"rule": label},
        )
        claim.status = ClaimStatus.APPROVED
        claim.entry = entry
        _decided(claim, reviewer, reason)
        log(claim, ACTION_CLAIM_APPROVED, user=reviewer,
            data={"rule": claim.rule_code, "points": entry.amount, "entry": entry.pk})
        notify(claim.resident, _("积分申领已通过"),
               _("您申领的“%(rule)s”已通过审核，获得 %(points)s 积分。")
               % {"rule": label, "points": entry.amount},
               url=CLAIMS_URL, source="points")
    return claim


def reject_claim(pk: int, reviewer: Any, *, reason: str) -> PointClaim:
    """Refuse the claim; the reason is mandatory and shown to the resident."""
    reason = (reason or "").strip()
    if not reason:
        raise PointsError(_("驳回申领必须填写理由。"))
    with transaction.atomic():
        claim = _locked_claim(pk, reviewer)
        claim.status = ClaimStatus.REJECTED
        _decided(claim, reviewer, reason)
        log(claim, ACTION_CLAIM_REJECTED, user=reviewer,
            data={"rule": claim.rule_code, "reason": reason})
        notify(claim.resident, _("积分申领未通过"),
               _("您申领的“%(rule)s”未通过审核。理由：%(reason)s")
               % {"rule": _rule_label(claim), "reason": reason},
               url=CLAIMS_URL, source="points")
    return claim


def _decided(claim: PointClaim, reviewer: Any, reason: str) -> None:
    claim.reviewer = reviewer
    claim.review_reason = (reason or "").strip()[:200]
    claim.reviewed_at = timezone.now()
    claim.save(update_fields=["status", "entry", "reviewer", "review_reason", "reviewed_at"])


def _rule_label(claim: PointClaim) -> str:
    return rule_labels().get(claim.rule_code, claim.rule_code)
