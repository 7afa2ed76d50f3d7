"""Dictionary fixtures: ``words(("加微信", "hold"), …)`` creates active words."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from core.moderation import matcher
from core.moderation.models import Category, SensitiveWord


@pytest.fixture(autouse=True)
def _fresh_matcher():
    matcher.forget()
    yield
    matcher.forget()


@pytest.fixture
def words(db) -> Callable[..., list[SensitiveWord]]:
    def make(*items: tuple[str, str], category: str = Category.ADVERT) -> list[SensitiveWord]:
        return [SensitiveWord.objects.create(word=word, action=action, category=category)
                for word, action in items]

    return make
