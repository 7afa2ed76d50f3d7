"""Resident text goes through the core sensitive-word service when it is installed."""

from __future__ import annotations

import pytest
from django.apps import apps

from plugins.deliberation.models import Opinion, Suggestion, Topic
from plugins.deliberation.services import DeliberationError
from plugins.deliberation.services import topics as services

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not apps.is_installed("core.moderation"), reason="no core.moderation"),
]


@pytest.fixture
def words(db):
    from core.moderation.models import SensitiveWord

    SensitiveWord.objects.create(word="刷单", action="block", category="advert")
    SensitiveWord.objects.create(word="加微信", action="hold")


def test_blocked_words_save_nothing(words, resident, grid_tree):
    topic = Topic.objects.create(title="停车位划线", body="请发表意见", grid=grid_tree["dongzha"])
    with pytest.raises(DeliberationError, match="刷单"):
        services.add_opinion(topic.pk, resident, "兼职刷单日赚三百")
    with pytest.raises(DeliberationError):
        services.make_suggestion(resident, "刷单赚钱", "内容")
    assert not Opinion.objects.exists() and not Suggestion.objects.exists()


def test_held_text_is_hidden_until_reviewed(client, words, resident, neighbour, grid_tree):
    topic = Topic.objects.create(title="停车位划线", body="请发表意见", grid=grid_tree["dongzha"])
    opinion = services.add_opinion(topic.pk, resident, "有车位转让的加微信")
    assert opinion.hidden and opinion.held_message
    suggestion = services.make_suggestion(resident, "车位转让", "需要的加微信联系")
    assert suggestion.hidden
    assert not services.visible_suggestions(grid_tree["micro"]).filter(pk=suggestion.pk).exists()
    with pytest.raises(DeliberationError, match="正在审核"):
        services.support(suggestion.pk, neighbour)
