"""OpenAPI schema settings: document the public API only."""

from __future__ import annotations


def only_public_api(endpoints: list[tuple]) -> list[tuple]:
    """drf-spectacular pre-processing hook: keep /api/ routes, drop Wagtail's admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
