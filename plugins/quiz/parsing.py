"""Choices and answer keys as editors type them, parsed without surprises.

Choices: one per line. Lines are stripped and blank lines ignored; nothing else
splits a line, so "报警、求助，都打110" stays one choice. An editor may prefix a
line with its letter ("A." "B、" "C．"), which is removed.

Answer keys: letters such as "A", "A,C", "AC", "A，C", "a、c" or "Ａ" (full-width).
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_CHOICES = 10
_LETTER_PREFIX = re.compile(r"^[A-Za-zＡ-Ｚａ-ｚ]\s*[.．、:：)）]\s*")
_SEPARATORS = re.compile(r"[\s,，、;；/|]+")


def parse_choices(text: str) -> list[str]:
    """The non-empty lines of ``text``, stripped, without an "A." style prefix."""
    choices = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        stripped = _LETTER_PREFIX.sub("", line, count=1).strip()
        choices.append(stripped or line)
    return choices


def letter(index: int) -> str:
    return LETTERS[index]


def parse_answer(text: str, choice_count: int, *, multiple: bool = False) -> str:
    """Normalised answer letters ("AC"), validated against ``choice_count``.

    Raises ValidationError with a Chinese message for a letter out of range, a
    repeated letter, an empty key, or several letters on a single-answer question.
    """
    raw = unicodedata.normalize("NFKC", text or "").upper()
    parts = [p for p in _SEPARATORS.split(raw) if p]
    letters: list[str] = []
    for part in parts:
        if not part.isalpha() or not part.isascii():
            raise ValidationError(_("正确答案只能填写选项字母，如“A”或“A,C”。"))
        letters.extend(part)
    if not letters:
        raise ValidationError(_("请填写正确答案的选项字母。"))
    allowed = LETTERS[:choice_count]
    for item in letters:
        if item not in allowed:
            raise ValidationError(
                _("答案“%(letter)s”超出选项范围：共 %(count)s 个选项（A–%(last)s）。")
                % {"letter": item, "count": choice_count, "last": allowed[-1] if allowed else "A"})
    if len(set(letters)) != len(letters):
        raise ValidationError(_("正确答案中有重复的选项字母。"))
    if not multiple and len(letters) > 1:
        raise ValidationError(_("单选题和判断题只能有一个正确答案。"))
    return "".join(sorted(letters))
