"""Demo letters: from the demo residents of site/demo.json, idempotent, skipped gracefully."""

from __future__ import annotations

import pytest
from django.conf import settings

from core.instance.loader import load_site
from core.notifications.models import Notification
from plugins.mailbox import demo
from plugins.mailbox.models import Letter, Reply, Status

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return (Letter.objects.count(), Reply.objects.count(),
            Notification.objects.filter(source="mailbox").count())


def test_demo_letters_load_once():
    load_site(settings.SITE_DIR, demo=True)  # runs every plugin's load_demo_content
    letters, replies, notes = _counts()
    assert letters == len(demo.LETTERS) and replies == notes == 2
    answered = Letter.objects.get(subject="东栅路18号南门路灯坏了一个多月")
    assert answered.status == Status.REPLIED and answered.author.name == "张秀英"
    assert answered.replies.get().signature == "东栅第一网格 吴建明"
    assert Letter.objects.get(author__mobile="13900000004").anonymous
    assert demo.load() == 0
    load_site(settings.SITE_DIR, demo=True)
    assert _counts() == (letters, replies, notes)


def test_demo_skips_when_users_are_missing(make_user, grid_tree):
    # Same mobile as demo.json's 张秀英 but another person: not a demo user.
    make_user("resident", grid=grid_tree["micro"], mobile="13900000001", name="另一个人")
    assert demo.load() == 0
    assert not Letter.objects.exists()


def test_demo_skips_without_a_demo_file(settings, tmp_path):
    settings.SITE_DIR = tmp_path
    assert demo.demo_users() is None
    assert demo.load() == 0
