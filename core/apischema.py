"""OpenAPI schema settings: document the public API only, with plugins' enum names."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings


def only_public_api(endpoints: list[tuple]) -> list[tuple]:
    """drf-spectacular pre-processing hook: keep /api/ routes, drop Wagtail's admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


def add_enum_names(names: Mapping[str, str]) -> None:
    """Merge enum component names into drf-spectacular's ENUM_NAME_OVERRIDES.

    Called at start-up with each plugin's ``api_enum_names``: core settings never
    name a plugin's module, and a removed plugin takes its names with it.
    """
    # In place: drf-spectacular holds on to the dict it read first.
    settings.SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(names)
