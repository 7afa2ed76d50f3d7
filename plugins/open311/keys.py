"""API keys: generated once, stored as a digest, looked up by digest."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from .models import ApiKey

PREFIX_LENGTH = 8


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def new_key() -> str:
    """A fresh key: 256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def assign_new_key(api_key: ApiKey) -> str:
    """Give ``api_key`` a new secret (not saved here); return the raw key to show once."""
    raw = new_key()
    api_key.key_hash = digest(raw)
    api_key.prefix = raw[:PREFIX_LENGTH]
    return raw


def authenticate(raw: str | None) -> ApiKey | None:
    """The active key matching ``raw`` (with its grid and service user), else None.

    Marks it used. Looking up by digest means no timing comparison of secrets.
    """
    if not raw or len(raw) > 200:
        return None
    api_key = (ApiKey.objects.select_related("grid", "service_user")
               .filter(key_hash=digest(raw), active=True).first())
    if api_key is not None:
        now = timezone.now()
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        api_key.last_used_at = now
    return api_key
