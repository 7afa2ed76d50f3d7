"""Template filters for 村务公开: amounts printed as on a village's notice board."""

from __future__ import annotations

from decimal import Decimal

from django import template

from ..figures import yuan as _yuan

register = template.Library()


@register.filter
def yuan(amount: Decimal | str | None) -> str:
    """1234567.8 → "1,234,567.80", whatever the locale's grouping (never a float)."""
    return _yuan(amount)
