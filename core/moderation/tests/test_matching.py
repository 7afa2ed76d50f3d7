"""screen(): normalisation, overlapping words, block over hold, the author's message."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from core.moderation import matcher
from core.moderation.models import SensitiveWord
from core.moderation.normalise import normalise
from core.moderation.services import ensure_publishable, screen


def test_empty_dictionary_allows_everything(db):
    verdict = screen("小区东门的电动车充电桩坏了，谁知道找哪里报修？")
    assert verdict.action == "allow" and verdict.allowed
    assert verdict.words == () and verdict.message == ""


@pytest.mark.parametrize("text", [
    "有需要的加微信", "有需要的加 微 信", "加.微-信了解", "加\u200b微\u200b信", "加微信！！",
])
def test_spaces_punctuation_and_zero_width_between_characters_are_ignored(words, text):
    words(("加微信", "hold"))
    assert screen(text).words == ("加微信",)


def test_full_width_and_case_fold(words):
    words(("QQ", "hold"), ("VX", "hold"))
    assert set(screen("请加ＱＱ群").words) == {"QQ"}
    assert set(screen("加vx：jy2021").words) == {"VX"}
    assert normalise("ＡＢＣ１２３，全角") == "abc123全角"


def test_latin_words_need_non_letter_neighbours(words):
    words(("ass", "block"), ("qq", "hold"))
    assert screen("这个class很好").allowed  # no Scunthorpe problem
    assert screen("qq12345").words == ("qq",)
    assert screen("you ass").blocked


def test_overlapping_and_nested_words_all_found_once(words):
    words(("刷单", "hold"), ("刷单返利", "block"), ("返利", "hold"))
    verdict = screen("刷单返利，刷单返利，日结")
    assert set(verdict.words) == {"刷单", "刷单返利", "返利"}
    assert len(verdict.words) == 3
    assert verdict.blocked


def test_block_wins_over_hold_and_message_names_one_word(words):
    words(("加微信", "hold"), ("代开发票", "block"), ("刷单", "block"))
    verdict = screen("加微信，代开发票，刷单")
    assert verdict.action == "block"
    assert verdict.message == "内容含有不当用语“代开发票”，请修改后再发布。"
    assert "刷单" not in verdict.message and "加微信" not in verdict.message


def test_hold_only(words):
    words(("加微信", "hold"))
    verdict = screen("想要的加微信")
    assert verdict.held and verdict.message == "已提交，待管理员审核后显示。"
    assert verdict.categories == ("advert",)


def test_inactive_words_are_ignored(words):
    (word,) = words(("代开发票", "block"))
    word.active = False
    word.save()
    assert screen("代开发票").allowed


def test_ensure_publishable_raises_only_on_block(words):
    words(("代开发票", "block"), ("加微信", "hold"))
    assert ensure_publishable("加微信").held
    with pytest.raises(ValidationError) as raised:
        ensure_publishable("代开发票", field_name="body")
    assert raised.value.message_dict == {"body": ["内容含有不当用语“代开发票”，请修改后再发布。"]}


def test_duplicate_match_form_is_refused_by_clean_and_the_database(words):
    from django.db import IntegrityError, transaction

    words(("微信", "hold"))
    duplicate = SensitiveWord(word="微 信", action="block")
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        SensitiveWord.objects.create(word="微，信", action="block")
    with pytest.raises(ValidationError):
        SensitiveWord(word="，。！", action="block").full_clean()


def test_automaton_is_built_once_and_rebuilt_when_the_stamp_moves(
        words, django_assert_max_num_queries):
    words(("刷单", "hold"))
    assert screen("刷单").held
    first = matcher.automaton()
    # Unchanged dictionary: only the stamp is read (from Redis, else one database row).
    with django_assert_max_num_queries(1):
        assert screen("刷单").held
    assert matcher.automaton() is first
    # Another process changed a word without signals (queryset.update) and bumped the stamp.
    SensitiveWord.objects.filter(word="刷单").update(action="block")
    assert screen("刷单").held  # stamp not moved yet: the built automaton is reused
    matcher.bump_version()
    assert screen("刷单").blocked
    assert matcher.automaton() is not first
