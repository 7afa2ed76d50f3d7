"""网格议事 models, one module per area; imported here so Django finds them all."""

from .councils import (
    AgendaItem,
    Attendance,
    Council,
    CouncilKind,
    CouncilMember,
    Frequency,
    Meeting,
    MeetingStatus,
)
from .decisions import (
    PUBLIC_STAGES,
    STAGE_BODY,
    STAGE_ORDER,
    VOTING_STAGES,
    Decision,
    DecisionStep,
    Stage,
)
from .polls import Ballot, Choice, Poll, PollKind, PublishStatus, ResultsMode, Vote
from .suggestions import IssueItem, IssueList, Suggestion, SuggestionStatus, Support
from .topics import Opinion, Topic, TopicStatus

__all__ = [
    "AgendaItem", "Attendance", "Ballot", "Choice", "Council", "CouncilKind", "CouncilMember",
    "Decision", "DecisionStep", "Frequency", "IssueItem", "IssueList", "Meeting", "MeetingStatus",
    "Opinion", "PUBLIC_STAGES", "Poll", "PollKind", "PublishStatus", "ResultsMode", "STAGE_BODY",
    "STAGE_ORDER", "Stage", "Suggestion", "SuggestionStatus", "Support", "Topic", "TopicStatus",
    "VOTING_STAGES", "Vote",
]
