"""The plugin's settings as plain values, over the manifest defaults.

Views and API views pass ``request.plugins.config("court")``; services accept
that mapping (or None, meaning the defaults) so that they never need a request.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .manifest import DEFAULT_ANSWER_BADGES, DEFAULT_CANCEL_CUTOFF_HOURS


def cancel_cutoff_hours(config: Mapping[str, Any] | None) -> int:
    try:
        return max(int((config or {}).get("cancel_cutoff_hours", DEFAULT_CANCEL_CUTOFF_HOURS)), 0)
    except (TypeError, ValueError):
        return DEFAULT_CANCEL_CUTOFF_HOURS


def answer_badges(config: Mapping[str, Any] | None) -> list[str]:
    raw = (config or {}).get("answer_badges", DEFAULT_ANSWER_BADGES) or ""
    return [name for name in re.split(r"[、,，\s]+", str(raw)) if name]
