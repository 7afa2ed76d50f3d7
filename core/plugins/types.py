"""Small value types that hooks return."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavLink:
    """A link on a resident page, e.g. on "我的"."""

    label: str
    url: str
    icon: str = ""
    badge: str = ""


@dataclass(frozen=True)
class HomePanel:
    """A block of already-escaped HTML on the resident's home page."""

    title: str
    html: str
    order: int = 100


@dataclass(frozen=True)
class SearchHit:
    """One site-search result."""

    title: str
    url: str
    summary: str = ""
    kind: str = ""  # shown as a tag: 通知公告, 便民热线 …
    score: float = 0.0
