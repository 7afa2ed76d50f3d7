"""在线法院 models, one module per area; Django finds them all through this package."""

from .booking import Booking, BookingStatus, DisputeType, Slot, SlotKind, SlotMode
from .cases import CourtCase, Outcome
from .judges import JudgeProfile
from .pages import CourtInfoIndexPage, CourtNoticePage, LitigationGuidePage
from .qa import Answer, Question

__all__ = [
    "Answer", "Booking", "BookingStatus", "CourtCase", "CourtInfoIndexPage", "CourtNoticePage",
    "DisputeType", "JudgeProfile", "LitigationGuidePage", "Outcome", "Question", "Slot",
    "SlotKind", "SlotMode",
]
