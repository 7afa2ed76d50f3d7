"""Chinese word segmentation for search.

Database full-text engines treat an unbroken run of Chinese characters as one
token, so "网格" is not found inside "社区网格员工作指南". Indexed text and
queries are both cut into words with jieba's search mode (which also emits the
shorter words inside long ones) and joined with spaces.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)

_PUNCTUATION = re.compile(r"[\s\W_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _ready() -> bool:
    jieba.initialize()  # loads the dictionary once per process (~1 s)
    return True


def terms(text: str) -> list[str]:
    """The distinct search terms of ``text``, in order of first appearance."""
    _ready()
    seen: dict[str, None] = {}
    for word in jieba.cut_for_search(text or ""):
        word = _PUNCTUATION.sub("", word).lower()
        if word:
            seen.setdefault(word, None)
    return list(seen)


def segment(text: str) -> str:
    """``text`` as space-separated search terms, for an index field."""
    return " ".join(terms(text))
