"""``manage.py points verify``: recompute balances from the ledger; exit 1 on drift.
``manage.py points rules``: list every declared rule with its site-wide value."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandParser

from core.points.rules import declared_rules
from core.points.verify import find_drift


class Command(BaseCommand):
    help = "Points ledger tools: verify (drift check), rules (declared rules)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "rules"])

    def handle(self, *args, action: str, **options) -> None:
        if action == "rules":
            for code, (manifest, rule) in sorted(declared_rules().items()):
                caps = f"日{rule.daily_cap or '-'} 月{rule.monthly_cap or '-'}"
                approval = " 需审核" if rule.needs_approval else ""
                self.stdout.write(f"{code:<32} {rule.points:+5d}  {caps}{approval}  {rule.label}"
                                  f"  ({manifest.label})")
            return
        checked, drift = find_drift()
        for item in drift:
            self.stdout.write(
                f"drift user={item.user_id}: balance stored {item.stored_balance} "
                f"ledger {item.ledger_balance}; credit stored {item.stored_credit} "
                f"ledger {item.ledger_credit}"
            )
        if drift:
            self.stderr.write(f"{len(drift)} of {checked} accounts drifted")
            sys.exit(1)
        self.stdout.write(self.style.SUCCESS(f"{checked} accounts checked, no drift"))
