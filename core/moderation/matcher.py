"""One Aho–Corasick automaton per process, rebuilt only when the dictionary changes.

The stamp follows the plugin host's pattern (core/plugins/host.py): a database
row moved in the same transaction as the change, published to the shared cache
after commit. Each screening compares the stamp with the one the process built
its automaton from, so every gunicorn worker picks up an administrator's edit on
its next screening. Without a shared cache (dev, tests) the stamp is read from
the database: one single-row query.

Matching is one pass over the normalised text whatever the dictionary size
(pyahocorasick, C), instead of one ``in`` scan per word.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import ahocorasick
from django.db import transaction

from core import stamps

from .normalise import is_ascii_word, normalise_with_gaps

VERSION_CACHE_KEY = "moderation:dictionary-version"


@dataclass(frozen=True)
class Entry:
    """What the automaton returns for a matched dictionary word."""

    word: str  # as the administrator typed it (shown to authors)
    normalised: str
    action: str
    category: str


@dataclass(frozen=True)
class _Compiled:
    version: int
    automaton: ahocorasick.Automaton | None  # None: empty dictionary


_compiled: _Compiled | None = None
_lock = threading.Lock()


def bump_version() -> int:
    """A new dictionary stamp, published when the caller's transaction commits."""
    from .models import DictionaryVersion

    return stamps.bump(DictionaryVersion, VERSION_CACHE_KEY)


def current_version() -> int:
    from .models import DictionaryVersion

    return stamps.current(DictionaryVersion, VERSION_CACHE_KEY)


def build(entries: list[Entry]) -> ahocorasick.Automaton | None:
    """An automaton over the entries' normalised forms (None when there are none)."""
    if not entries:
        return None
    automaton = ahocorasick.Automaton()
    for entry in entries:
        automaton.add_word(entry.normalised, entry)
    automaton.make_automaton()
    return automaton


def _load() -> _Compiled:
    from .models import DictionaryVersion, SensitiveWord

    # Tag the words with the stamp read in the same transaction, not the cached one.
    with transaction.atomic():
        version = DictionaryVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0
        rows = SensitiveWord.objects.filter(active=True).values_list(
            "word", "normalised", "action", "category")
        entries = [Entry(*row) for row in rows]
    return _Compiled(version, build(entries))


def automaton() -> ahocorasick.Automaton | None:
    """This process's automaton, rebuilt only when the shared stamp has moved."""
    global _compiled
    version = current_version()
    compiled = _compiled
    if compiled is not None and compiled.version == version:
        return compiled.automaton
    with _lock:
        if _compiled is None or _compiled.version != version:
            _compiled = _load()
        return _compiled.automaton


def forget() -> None:
    """Drop the process's automaton (tests; the next screening rebuilds it)."""
    global _compiled
    _compiled = None


def find(automaton: ahocorasick.Automaton | None, text: str) -> list[Entry]:
    """Dictionary entries found in ``text`` (normalised here), each once, in text order.

    Overlapping words all count ("刷单" and "刷单返利" in "刷单返利"). A purely
    ASCII word only counts where its neighbours are not Latin letters (a dropped
    space or punctuation mark counts as a boundary), so "ass" is not found in
    "class" while "you ass", "加vx", "vx号" and "qq12345" still match.
    """
    if automaton is None:
        return []
    plain, gaps = normalise_with_gaps(text)
    found: dict[str, Entry] = {}
    for end, entry in automaton.iter(plain):
        if entry.normalised in found:
            continue
        if is_ascii_word(entry.normalised):
            start = end - len(entry.normalised) + 1
            before = "" if start in gaps or start == 0 else plain[start - 1]
            after = "" if end + 1 in gaps or end + 1 >= len(plain) else plain[end + 1]
            if _latin_letter(before) or _latin_letter(after):
                continue
        found[entry.normalised] = entry
    return list(found.values())


def _latin_letter(char: str) -> bool:
    return bool(char) and char.isascii() and char.isalpha()
