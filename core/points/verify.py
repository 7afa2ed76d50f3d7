"""Recompute every account from its entries and report drift (``points verify``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Sum

from .models import PointAccount, PointEntry


@dataclass(frozen=True)
class Drift:
    user_id: int
    stored_balance: int
    ledger_balance: int
    stored_credit: int
    ledger_credit: int


def find_drift() -> tuple[int, list[Drift]]:
    """(accounts checked, accounts whose stored figures differ from their entries)."""
    sums = {
        row["user_id"]: row
        for row in PointEntry.objects.values("user_id").annotate(
            balance=Sum("amount"), credit=Sum("credit_delta"), n=Count("pk")
        )
    }
    drift: list[Drift] = []
    checked = 0
    for user_id, balance, credit in PointAccount.objects.values_list("user_id", "balance",
                                                                     "credit").iterator():
        checked += 1
        row = sums.pop(user_id, {"balance": 0, "credit": 0})
        if (balance, credit) != (row["balance"], row["credit"]) or balance < 0:
            drift.append(Drift(user_id, balance, row["balance"], credit, row["credit"]))
    # Entries without an account: the account row was lost.
    for user_id, row in sums.items():
        drift.append(Drift(user_id, 0, row["balance"], 0, row["credit"]))
    return checked, drift
