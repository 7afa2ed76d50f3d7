"""Many reviewers approving one claim at the same moment: it is awarded once."""

from __future__ import annotations

import pytest

from core.notifications.models import Notification
from core.points import claims as claim_services
from core.points.models import ClaimStatus, PointClaim, PointEntry
from core.points.services import balance_of
from core.testing import RACE_THREADS as THREADS
from core.testing import race

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("concurrent_db")]


def test_concurrent_approvals_award_once(make_user, grid_tree, deeds_plugin):
    resident = make_user("resident", grid=grid_tree["micro"])
    reviewers = [make_user("grid_worker", grid=grid_tree["grid1"], scope=grid_tree["grid1"])
                 for _ in range(THREADS)]
    claim = claim_services.submit_claim(resident, rule_code="deeds.claim", description="帮忙")
    outcomes = race(lambda i: claim_services.approve_claim(claim.pk, reviewers[i]))
    approved = [o for o in outcomes if isinstance(o, PointClaim)]
    refused = [o for o in outcomes if isinstance(o, claim_services.ClaimAlreadyDecided)]
    assert len(approved) == 1 and len(refused) == THREADS - 1, outcomes
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED and claim.reviewer == approved[0].reviewer
    assert PointEntry.objects.count() == 1 and balance_of(resident) == (10, 10)
    assert Notification.objects.filter(recipient=resident).count() == 1
