"""``manage.py mall demo|expire|verify``.

demo   — create the demo catalogue and credit benefits (idempotent);
expire — close and refund open orders past their validity (run it on a schedule);
verify — check every order against the ledger; exit code 1 on a problem.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandParser

from core.mall.checks import find_problems
from core.mall.demo import load_demo_mall
from core.mall.services import expire_overdue


class Command(BaseCommand):
    help = "积分商城 tools: demo (load demo items), expire (refund overdue orders), verify."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["demo", "expire", "verify"])

    def handle(self, *args, action: str, **options) -> None:
        if action == "demo":
            report = load_demo_mall()
            self.stdout.write(f"items created: {report.items}, benefits created: "
                              f"{report.benefits}, gift orders: {report.orders}")
            for reason in report.skipped:
                self.stdout.write(f"skipped {reason}")
            return
        if action == "expire":
            self.stdout.write(f"{expire_overdue()} overdue orders expired and refunded")
            return
        checked, problems = find_problems()
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            self.stderr.write(f"{len(problems)} problems in {checked} orders")
            sys.exit(1)
        self.stdout.write(self.style.SUCCESS(f"{checked} orders checked, no problems"))
