"""Why a points operation was refused. Each is a ValidationError: views show it as is."""

from django.core.exceptions import ValidationError


class PointsError(ValidationError):
    """A points operation that was refused; nothing was written."""


class UnknownRule(PointsError):
    """No installed plugin declares this rule code."""


class RuleNotAvailable(PointsError):
    """The rule is inactive, or its plugin is disabled for the resident's grid."""


class ApprovalRequired(PointsError):
    """The rule is given only through a claim a staff member approves."""


class CapReached(PointsError):
    """The daily or monthly cap of the rule would be exceeded."""


class InsufficientPoints(PointsError):
    """The spendable balance is below the price."""


class DuplicateKey(PointsError):
    """The idempotency key already belongs to another resident's entry."""
