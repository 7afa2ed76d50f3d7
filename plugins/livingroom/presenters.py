"""How people appear to other residents: real names masked, staff shown as staff."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _


def mask_name(name: str) -> str:
    """张秀英 → 张*英, 李梅 → 李*: residents know each other offline; strangers need not."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name or _("居民")
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def author_label(author: Any, official: bool = False) -> str:
    if official:
        return _("%(name)s（社区工作人员）") % {"name": author.name}
    return mask_name(author.name)


def decorate(items: list, viewer: Any) -> list:
    """Set ``author_label`` and ``is_mine`` on posts/comments (no queries: author is joined)."""
    for item in items:
        item.author_label = author_label(item.author, getattr(item, "is_official", False))
        item.is_mine = item.author_id == getattr(viewer, "pk", None)
    return items
