"""Screen resident text against the sensitive-word dictionary — the one public entry point.

Plugins call this for anything residents publish (posts, comments, opinions,
questions)::

    from core.moderation.services import screen, ensure_publishable

    verdict = screen(form.cleaned_data["body"])
    if verdict.action == "block":       # refuse: keep the text in the form
        form.add_error("body", verdict.message)
    elif verdict.action == "hold":      # save, but hidden until a moderator approves
        post.status = "pending"         # and tell the author verdict.message

    ensure_publishable(text)            # or: raise ValidationError on "block" only

``screen`` never writes anything, needs no request and costs one pass over the
text (Aho–Corasick, see ``matcher.py``) plus reading the dictionary version.
"block" wins over "hold": one blocking word refuses the whole text. The message
names only the first word found, never the whole list, so the dictionary cannot
be read out by trial posts.

Administrators maintain the dictionary in the Wagtail admin (设置 > 敏感词库),
one word at a time or by importing a text file (``import_words``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import matcher
from .models import MAX_WORD_LENGTH, Action, Category, SensitiveWord
from .normalise import normalise

ALLOW: Literal["allow"] = "allow"
HOLD: Literal["hold"] = "hold"
BLOCK: Literal["block"] = "block"

ACTION_IMPORTED = "jiayuan.moderation_words_imported"


@dataclass(frozen=True)
class Verdict:
    """What to do with a text: publish ("allow"), keep for review ("hold"), refuse ("block")."""

    action: Literal["allow", "hold", "block"]
    words: tuple[str, ...] = field(default=())  # dictionary words found (for moderators only)
    message: str = ""  # for the author, in Chinese; "" when allowed
    categories: tuple[str, ...] = field(default=())

    @property
    def allowed(self) -> bool:
        return self.action == ALLOW

    @property
    def held(self) -> bool:
        return self.action == HOLD

    @property
    def blocked(self) -> bool:
        return self.action == BLOCK


def screen(text: str) -> Verdict:
    """Check ``text`` against the active dictionary words."""
    entries = matcher.find(matcher.automaton(), text or "")
    if not entries:
        return Verdict(ALLOW)
    blocking = [entry for entry in entries if entry.action == Action.BLOCK]
    words = tuple(entry.word for entry in entries)
    categories = tuple(dict.fromkeys(entry.category for entry in entries))
    if blocking:
        message = _("内容含有不当用语“%(word)s”，请修改后再发布。") % {"word": blocking[0].word}
        return Verdict(BLOCK, words, message, categories)
    return Verdict(HOLD, words, _("已提交，待管理员审核后显示。"), categories)


def ensure_publishable(text: str, field_name: str | None = None) -> Verdict:
    """Raise ``ValidationError`` (the Chinese message) on "block"; return the verdict."""
    verdict = screen(text)
    if verdict.blocked:
        if field_name:
            raise ValidationError({field_name: verdict.message}, code="sensitive")
        raise ValidationError(verdict.message, code="sensitive")
    return verdict


# --- bulk import -------------------------------------------------------------------

_ACTION_WORDS = {
    "block": Action.BLOCK, "拒绝": Action.BLOCK, "拒绝发布": Action.BLOCK, "禁止": Action.BLOCK,
    "hold": Action.HOLD, "待审核": Action.HOLD, "审核": Action.HOLD, "待审": Action.HOLD,
}
_SEPARATOR = re.compile(r"[,，\t|]")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)  # "第3行：…" for lines skipped


def parse_line(line: str) -> tuple[str, str | None]:
    """"word" or "word,hold" / "word<TAB>拒绝发布" → (word, action or None).

    Raises ValueError with a Chinese reason for an unknown action.
    """
    parts = [part.strip() for part in _SEPARATOR.split(line, maxsplit=1)]
    word = parts[0]
    if len(parts) == 1 or not parts[1]:
        return word, None
    action = _ACTION_WORDS.get(parts[1].casefold())
    if action is None:
        raise ValueError(_("无法识别处理方式“%(action)s”（可填 block/拒绝发布 或 hold/待审核）")
                         % {"action": parts[1]})
    return word, action


def import_words(text: str, *, category: str = Category.OTHER, action: str = Action.HOLD,
                 user: Any = None) -> ImportResult:
    """Add the words of a text (one a line, optional ",action"); update existing ones.

    All in one transaction with one version bump; bad lines are reported and skipped.
    An existing word (same normalised form) takes the line's action and is re-activated.
    """
    result = ImportResult()
    wanted: dict[str, tuple[str, str]] = {}  # normalised -> (word, action)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        try:
            word, line_action = parse_line(line)
        except ValueError as exc:
            result.errors.append(_("第%(n)s行：%(why)s") % {"n": number, "why": exc})
            continue
        plain = normalise(word)
        if not plain:
            result.errors.append(_("第%(n)s行：没有文字或数字") % {"n": number})
        elif len(word) > MAX_WORD_LENGTH:
            result.errors.append(_("第%(n)s行：超过%(max)s个字") % {"n": number, "max": MAX_WORD_LENGTH})
        else:
            wanted.setdefault(plain, (word, line_action or action))  # first line wins
    with transaction.atomic():
        existing = {w.normalised: w for w in SensitiveWord.objects.select_for_update()
                    .filter(normalised__in=list(wanted))}
        new, changed = [], []
        for plain, (word, word_action) in wanted.items():
            current = existing.get(plain)
            if current is None:
                new.append(SensitiveWord(word=word, normalised=plain, category=category,
                                         action=word_action, active=True,
                                         created_by=user if getattr(user, "pk", None) else None))
            elif current.action != word_action or not current.active:
                current.action, current.active = word_action, True
                current.updated_at = timezone.now()  # bulk_update skips auto_now
                changed.append(current)
            else:
                result.unchanged += 1
        SensitiveWord.objects.bulk_create(new)
        SensitiveWord.objects.bulk_update(changed, ["action", "active", "updated_at"])
        result.created, result.updated = len(new), len(changed)
        if new or changed:
            matcher.bump_version()  # bulk_create/bulk_update send no signals
            _log_import(result, user)
    return result


def _log_import(result: ImportResult, user: Any) -> None:
    from wagtail.log_actions import log

    from .models import DictionaryVersion

    log(DictionaryVersion.objects.get(pk=1), ACTION_IMPORTED,
        user=user if getattr(user, "pk", None) else None,
        data={"created": result.created, "updated": result.updated})
