"""Real-name verification decisions: one place for the web admin and any caller.

A decision sets the status, writes Wagtail's audit log, puts a message in the
resident's inbox and, on approval, tells plugins through the ``on_event`` hook
(after the transaction commits, so a rolled-back decision announces nothing).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.notifications.services import notify

from .models import VerificationStatus

ACTION_VERIFIED = "jiayuan.resident_verified"
ACTION_REJECTED = "jiayuan.resident_rejected"
EVENT_VERIFIED = "identity.verified"


def _decide(resident: Any, by: Any, status: str, note: str) -> None:
    resident.verification_status = status
    resident.verified_by = by
    resident.verified_at = timezone.now()
    resident.verification_note = note
    resident.save(
        update_fields=["verification_status", "verified_by", "verified_at", "verification_note"]
    )


@transaction.atomic
def approve(resident: Any, by: Any, note: str = "") -> None:
    """Mark ``resident`` verified by the staff user ``by``."""
    _decide(resident, by, VerificationStatus.VERIFIED, note)
    log(resident, ACTION_VERIFIED, user=by, data={"note": note, "grid_id": resident.home_grid_id})
    notify(
        resident, _("实名认证已通过"),
        _("您的实名认证已由网格员审核通过，现在可以使用全部服务。"),
        url="/me/", source="identity",
    )

    def announce() -> None:
        from core.plugins.host import host

        host.call("on_event", name=EVENT_VERIFIED, payload={"user_id": resident.pk})

    transaction.on_commit(announce)


@transaction.atomic
def reject(resident: Any, by: Any, note: str) -> None:
    """Send ``resident`` back with the reason ``note`` (required)."""
    if not note.strip():
        raise ValueError("A rejection needs a reason.")
    _decide(resident, by, VerificationStatus.REJECTED, note)
    log(resident, ACTION_REJECTED, user=by, data={"note": note, "grid_id": resident.home_grid_id})
    notify(
        resident, _("实名认证未通过"),
        _("原因：%(note)s。请在“我的”页面核对信息后重新提交。") % {"note": note},
        url="/me/", source="identity",
    )
