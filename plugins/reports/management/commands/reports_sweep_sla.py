"""``manage.py reports_sweep_sla``: run by a scheduler (e.g. every 15 minutes)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from plugins.reports.sweep import sweep


class Command(BaseCommand):
    help = "一键报事：补算办理期限，标记超期报事并提交上一级督办（可重复运行）。"

    def handle(self, *args, **options) -> None:
        result = sweep()
        self.stdout.write(
            f"deadlines_filled={result.deadlines_filled} "
            f"still_missing={result.still_missing} "
            f"marked_overdue={result.marked_overdue}"
        )
