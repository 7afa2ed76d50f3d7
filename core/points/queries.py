"""Read-side helpers shared by the resident pages, the API and the "我的" entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, Sum

from .models import PointAccount, PointEntry
from .services import balance_of


@dataclass(frozen=True)
class HouseholdTotals:
    number: str
    balance: int
    credit: int
    members: int


@dataclass(frozen=True)
class Summary:
    balance: int  # 积分余额
    credit: int  # 累计积分
    household: HouseholdTotals | None


def household_totals(household: Any) -> HouseholdTotals:
    """Sum of the members' accounts (one query); members without entries count 0."""
    row = PointAccount.objects.filter(user__household=household).aggregate(
        balance=Sum("balance"), credit=Sum("credit"), members=Count("pk"),
    )
    return HouseholdTotals(household.number, row["balance"] or 0, row["credit"] or 0,
                           row["members"])


def summary(user: Any) -> Summary:
    balance, credit = balance_of(user)
    household = household_totals(user.household) if user.household_id else None
    return Summary(balance, credit, household)


def history(user: Any) -> QuerySet[PointEntry]:
    """The user's entries, newest first; only the columns a history line shows."""
    return PointEntry.objects.filter(user=user).only(
        "pk", "kind", "amount", "credit_delta", "balance_after", "rule_code", "reason",
        "created_at",
    )
