"""Likes once (also in the database), flags once, auto-hide after N flags (N from the setting)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core.plugins import state
from plugins.livingroom import services
from plugins.livingroom.models import Flag, Like, Post, Status

pytestmark = pytest.mark.usefixtures("livingroom_on")


def test_like_once_and_counts(client, resident, neighbours, make_post):
    post = make_post()
    assert services.like(neighbours[0], post) == 1
    with pytest.raises(services.LivingroomError, match="您已经点过赞了"):
        services.like(neighbours[0], post)
    assert services.like(neighbours[1], post) == 2
    post.refresh_from_db()
    assert post.like_count == 2 == Like.objects.filter(post=post).count()
    assert services.unlike(neighbours[0], post) == 1
    assert services.unlike(neighbours[0], post) == 1  # nothing to undo
    client.force_login(neighbours[2])
    client.post(reverse("livingroom:like", args=[post.pk]))
    client.post(reverse("livingroom:like", args=[post.pk]))
    post.refresh_from_db()
    assert post.like_count == 2


def test_one_like_per_resident_is_a_database_rule(resident, neighbours, make_post):
    post = make_post()
    Like.objects.create(post=post, user=neighbours[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        Like.objects.create(post=post, user=neighbours[0])


def test_cannot_like_own_post_or_from_outside(resident, outsider, make_post):
    post = make_post()
    with pytest.raises(services.LivingroomError, match="自己"):
        services.like(resident, post)
    with pytest.raises(services.LivingroomError, match="本社区"):
        services.like(outsider, post)


def test_likes_received_earn_capped_points_once_per_liker(resident, neighbours, make_post):
    from core.points.models import PointEntry

    post = make_post()
    for neighbour in neighbours:
        services.like(neighbour, post)
    services.unlike(neighbours[0], post)
    services.like(neighbours[0], post)  # liking again earns nothing more
    liked = PointEntry.objects.filter(user=resident, rule_code="livingroom.liked")
    assert liked.count() == 4


def test_flag_once(resident, neighbours, make_post):
    post = make_post()
    services.flag(neighbours[0], post, reason="advert")
    with pytest.raises(services.LivingroomError, match="已经举报过"):
        services.flag(neighbours[0], post, reason="abuse")
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(post=post, reporter=neighbours[0], reason="other")
    post.refresh_from_db()
    assert post.flag_count == 1 and post.status == Status.PUBLISHED


def test_flag_targets_exactly_one_thing(resident, neighbours, make_post):
    post = make_post()
    comment = services.add_comment(neighbours[0], post, "同意").obj
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(post=post, comment=comment, reporter=neighbours[1], reason="other")
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(reporter=neighbours[1], reason="other")


def test_auto_hide_after_three_flags_by_default(client, resident, neighbours, make_post):
    post = make_post()
    client.force_login(neighbours[0])
    client.post(reverse("livingroom:flag", args=[post.pk]), {"reason": "advert"})
    assert services.flag(neighbours[1], post, reason="advert") is False
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED
    assert services.flag(neighbours[2], post, reason="abuse") is True
    post.refresh_from_db()
    assert post.status == Status.FLAGGED and post.flag_count == 3
    assert ModelLogEntry.objects.filter(action="livingroom.auto_hidden",
                                        object_id=str(post.pk)).exists()
    client.force_login(neighbours[3])
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(resident)  # the author still sees it, marked
    assert "被举报，待管理员复核" in client.get(post.get_absolute_url()).content.decode()


def test_threshold_comes_from_the_plugin_setting(client, resident, neighbours, make_post,
                                                 home_page):
    from wagtail.models import Site

    state.save_config("livingroom", {"flag_threshold": 2, "per_page": 15},
                      site=Site.objects.get(is_default_site=True))
    post = make_post()
    for neighbour in neighbours[:2]:
        client.force_login(neighbour)
        client.post(reverse("livingroom:flag", args=[post.pk]), {"reason": "rumour"})
    post.refresh_from_db()
    assert post.status == Status.FLAGGED


def test_flagged_comment_hides_and_leaves_the_count(resident, neighbours, make_post):
    post = make_post()
    comment = services.add_comment(neighbours[0], post, "楼主在胡说").obj
    for neighbour in neighbours[1:4]:
        services.flag(neighbour, comment, reason="abuse", threshold=3)
    comment.refresh_from_db()
    post.refresh_from_db()
    assert comment.status == Status.FLAGGED and post.comment_count == 0
    assert list(services.comments_for(neighbours[1], post)) == []


def test_flag_form_needs_a_reason(client, resident, neighbours, make_post):
    post = make_post()
    client.force_login(neighbours[0])
    response = client.post(reverse("livingroom:flag", args=[post.pk]), {"reason": ""})
    assert "请选择举报原因" in response.content.decode()
    assert not Flag.objects.exists()
    assert Post.objects.get().flag_count == 0
