"""一事一编码 under concurrency: simultaneous submissions never share a code.

Each thread has its own connection; the per-division counter row is locked
(select_for_update on PostgreSQL, BEGIN IMMEDIATE on SQLite) until commit.
"""

from __future__ import annotations

import pytest

from core.testing import RACE_THREADS, race
from plugins.reports import services
from plugins.reports.models import Report

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("concurrent_db")]


def test_simultaneous_reports_get_distinct_consecutive_codes(make_user, grid_tree,
                                                             report_categories):
    residents = [make_user("resident", grid=grid_tree["micro"]) for _ in range(RACE_THREADS)]

    def submit(i: int) -> Report:
        return services.submit_report(
            reporter=residents[i], category=report_categories["hazard"], grid=grid_tree["micro"],
            description=f"东栅花园{i + 1}幢楼道灭火器过期", address=f"东栅花园{i + 1}幢")

    outcomes = race(submit)
    made = [o for o in outcomes if isinstance(o, Report)]
    assert len(made) == RACE_THREADS, outcomes
    codes = sorted(Report.objects.values_list("code", flat=True))
    assert len(set(codes)) == RACE_THREADS
    assert [int(code[-4:]) for code in codes] == list(range(1, RACE_THREADS + 1))
