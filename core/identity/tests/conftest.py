"""Identity test helpers: a clean cache (throttle counters, SMS codes) for each test."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from core.notifications.channels import LoggingSmsBackend


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    LoggingSmsBackend.sent = []
    yield
    cache.clear()


@pytest.fixture
def pending_resident(make_user, grid_tree):
    """A resident of 东栅第一网格 waiting for verification."""
    from core.testing import VALID_ID_CARDS

    user = make_user("resident", grid=grid_tree["micro"], name="李建国", verified=False,
                     id_card=VALID_ID_CARDS[1])
    user.verification_status = "pending"
    user.save(update_fields=["verification_status"])
    return user
