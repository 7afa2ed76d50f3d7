"""Points models, one module per concern."""

from .claims import MAX_PHOTOS, ClaimStatus, PointClaim, PointClaimPhoto
from .ledger import EntryKind, PointAccount, PointEntry
from .rules import RuleSetting

__all__ = [
    "MAX_PHOTOS", "ClaimStatus", "EntryKind", "PointAccount", "PointClaim", "PointClaimPhoto",
    "PointEntry", "RuleSetting",
]
