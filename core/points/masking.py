"""Names shown to other residents are masked: 张秀英 → 张*英, 李梅 → 李*.

core.identity masks mobiles and ID-card numbers (idcard.py) but has no helper for
names yet; this one belongs next to those and can move there unchanged.
"""

from __future__ import annotations


def mask_name(name: str) -> str:
    """Keep the first and last characters; a two-character name keeps the surname."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
