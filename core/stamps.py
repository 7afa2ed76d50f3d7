"""Version stamps: how every process learns that administrator-edited data changed.

A one-row table (``pk=1``, an integer ``value``) holds the stamp; with a shared cache
(Redis) the value is also published there, so a process checks it without a query.
A writer calls :func:`bump` inside its transaction (published on commit); a reader
compares :func:`current` with the value it built its in-memory copy for. Used by the
holiday calendar (core.workcalendar) and the sensitive-word automaton (core.moderation).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction


def bump(model: type[models.Model], cache_key: str) -> int:
    """Give the stamp a new random value inside the caller's transaction; publish on commit.

    Random rather than +1: a restored backup or a rolled-back test database can bring
    back an old counter value that a process already loaded, never a fresh draw.
    """
    if settings.JIAYUAN_SHARED_CACHE:
        cache.delete(cache_key)
    value = secrets.randbits(62) or 1
    model._default_manager.update_or_create(pk=1, defaults={"value": value})

    def publish() -> None:
        if settings.JIAYUAN_SHARED_CACHE:
            cache.set(cache_key, value, timeout=None)

    transaction.on_commit(publish)
    return value


def current(model: type[models.Model], cache_key: str) -> int:
    """The stamp's value: from the shared cache when it has it, else one query."""
    if settings.JIAYUAN_SHARED_CACHE:
        value = cache.get(cache_key)
        if value is not None:
            return int(value)
    value = model._default_manager.filter(pk=1).values_list("value", flat=True).first() or 0
    if settings.JIAYUAN_SHARED_CACHE:
        cache.add(cache_key, value, timeout=None)  # never overwrite a newer stamp
    return value
