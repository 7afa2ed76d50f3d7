"""Points models, one module per concern."""

from .ledger import EntryKind, PointAccount, PointEntry
from .rules import RuleSetting

__all__ = ["EntryKind", "PointAccount", "PointEntry", "RuleSetting"]
