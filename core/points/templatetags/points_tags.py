"""Template tags other apps' templates use to show points (e.g. the "我的" page)."""

from __future__ import annotations

from typing import Any

from django import template

from ..services import balance_of

register = template.Library()


@register.simple_tag
def points_balance(user: Any) -> int:
    """积分余额 of ``user`` (0 before the first entry, or when signed out); one query."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return balance_of(user)[0]
