"""Demo content: realistic, idempotent, never overwriting what users changed."""

from __future__ import annotations

import pytest

from core.moderation.models import SensitiveWord
from core.moderation.services import screen
from plugins.livingroom.demo import load_demo
from plugins.livingroom.demo_data import DONGZHA, POSTS
from plugins.livingroom.models import Comment, Like, Post, Status


@pytest.fixture
def demo_site(db, home_page):
    from django.core.management import call_command
    from wagtail.models import Site

    call_command("load_site", "--demo", verbosity=0)
    return Site.objects.get(is_default_site=True)


def test_demo_is_idempotent_and_keeps_edits(demo_site):
    load_demo(demo_site)
    counts = (Post.objects.count(), Comment.objects.count(), Like.objects.count(),
              SensitiveWord.objects.count())
    assert counts[0] == len(POSTS) and counts[1] > 20 and counts[3] >= 10
    word = SensitiveWord.objects.get(word="刷单")
    word.active = False
    word.save()
    post = Post.objects.get(title="东栅路晚上停车太难了")
    Post.objects.filter(pk=post.pk).update(body="居民自己改过的内容")
    load_demo(demo_site)
    assert (Post.objects.count(), Comment.objects.count(), Like.objects.count(),
            SensitiveWord.objects.count()) == counts
    assert not SensitiveWord.objects.get(word="刷单").active
    assert Post.objects.get(pk=post.pk).body == "居民自己改过的内容"


def test_demo_has_official_answers_counts_and_a_held_post(demo_site):
    load_demo(demo_site)
    post = Post.objects.get(title="东栅路晚上停车太难了")
    assert post.community.code == DONGZHA
    assert post.comments.filter(is_official=True, author__name="朱丽萍").exists()
    assert post.like_count == post.likes.count() == 5
    assert post.comment_count == 3
    assert Post.objects.filter(status=Status.HELD).count() == 1
    assert Comment.objects.filter(is_official=True).count() >= 6
    assert screen("代开发票找我").blocked and screen("有需要的加 微 信").held
