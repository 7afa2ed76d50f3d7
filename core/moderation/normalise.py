"""Text normalisation shared by the dictionary and the texts screened against it.

Both sides go through :func:`normalise`, so "加 微 信", "加微信！", "ＱＱ" and "qq"
match the dictionary words "加微信" and "QQ". What is safe for Chinese:

* NFKC folds full-width Latin letters, digits and punctuation to half-width
  (ＡＢＣ１２３ → ABC123) and compatibility forms (㈠, ①) to plain ones. It leaves
  CJK ideographs alone, so no Chinese character is ever changed into another.
* ``casefold`` makes Latin words case-insensitive; it has no effect on Chinese.
* Whitespace, punctuation, symbols and control/format characters (zero-width
  spaces, emoji used as separators) are *removed*, because inserting them between
  characters is the usual way round a filter ("微 信", "微.信", "微❤信"). Letters
  and digits of every script are kept.

Deliberately not done: traditional → simplified conversion or pinyin/homophone
matching (they need large tables and produce false positives on ordinary words;
administrators add such variants as dictionary words instead).
"""

from __future__ import annotations

import unicodedata

# Unicode general categories dropped from both sides: separators (Z*), punctuation
# (P*), symbols (S*) and other (C*: control, format, private use, unassigned).
_DROPPED_MAJOR = frozenset("ZPSC")


def _kept(char: str) -> bool:
    return unicodedata.category(char)[0] not in _DROPPED_MAJOR


def normalise(text: str) -> str:
    """Fold width and case, then drop everything that is not a letter or a digit."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(char for char in folded if _kept(char))


def normalise_with_gaps(text: str) -> tuple[str, frozenset[int]]:
    """:func:`normalise`, plus the positions in the result where something was dropped.

    ``i`` is in the set when a space or punctuation stood just before result[i]
    (or at its end, ``len(result)``). Latin dictionary words use it as a word
    boundary: "you ass" normalises to "youass" but still has a gap before "ass".
    """
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    kept: list[str] = []
    gaps: set[int] = set()
    for char in folded:
        if _kept(char):
            kept.append(char)
        else:
            gaps.add(len(kept))
    return "".join(kept), frozenset(gaps)


def is_ascii_word(word: str) -> bool:
    """A normalised dictionary word made only of ASCII letters/digits (e.g. "qq", "vx")."""
    return word.isascii()
