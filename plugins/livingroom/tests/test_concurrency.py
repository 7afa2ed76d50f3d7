"""Taps and flags arriving at once: one like per resident, exactly one auto-hide.

Each thread has its own database connection. On PostgreSQL the flagged row's lock
(select_for_update) and the unique constraints serialise them; on SQLite,
``BEGIN IMMEDIATE`` does.
"""

from __future__ import annotations

import pytest
from wagtail.models import ModelLogEntry

from core.testing import RACE_THREADS, race
from plugins.livingroom import services
from plugins.livingroom.models import Flag, Like, Post, Status

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("concurrent_db", "livingroom_on")]


def test_one_resident_tapping_like_eight_times_likes_once(resident, make_user, grid_tree,
                                                          make_post):
    post = make_post()
    fan = make_user("resident", grid=grid_tree["grid1"])
    outcomes = race(lambda i: services.like(fan, post))
    assert sum(isinstance(o, int) for o in outcomes) == 1, outcomes
    assert all(isinstance(o, int | services.LivingroomError) for o in outcomes), outcomes
    assert Like.objects.count() == 1 and Post.objects.get(pk=post.pk).like_count == 1


def test_eight_flags_at_once_hide_the_post_exactly_once(resident, make_user, grid_tree,
                                                        make_post):
    post = make_post()
    reporters = [make_user("resident", grid=grid_tree["grid1"]) for _ in range(RACE_THREADS)]
    outcomes = race(lambda i: services.flag(reporters[i], post, reason="advert", threshold=3))
    assert sum(o is True for o in outcomes) == 1, outcomes
    assert sum(o is False for o in outcomes) == RACE_THREADS - 1, outcomes
    post.refresh_from_db()
    assert post.status == Status.FLAGGED and post.flag_count == RACE_THREADS
    assert Flag.objects.count() == RACE_THREADS
    assert ModelLogEntry.objects.filter(action="livingroom.auto_hidden").count() == 1
