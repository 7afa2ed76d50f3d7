"""Encryption at rest for sensitive personal data.

Values are Fernet-encrypted (AES-128-CBC + HMAC) with ``JIAYUAN_ENCRYPTION_KEY``.
Uniqueness ("one real identity, one account") cannot be enforced on ciphertext,
which is randomised, so a keyed HMAC digest of the normalised value is stored
beside it and carries the unique constraint.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=4)
def _fernet(key: str) -> Fernet:
    if not key:
        raise ImproperlyConfigured("JIAYUAN_ENCRYPTION_KEY is not set.")
    return Fernet(key.encode())


def encrypt(plaintext: str) -> str:
    """Encrypt a string; the token is URL-safe text."""
    return _fernet(settings.JIAYUAN_ENCRYPTION_KEY).encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    """Decrypt a token made by :func:`encrypt`."""
    return _fernet(settings.JIAYUAN_ENCRYPTION_KEY).decrypt(token.encode()).decode()


def blind_index(value: str) -> str:
    """A keyed digest for equality look-ups on an encrypted value."""
    key = ("jiayuan-blind-index:" + settings.JIAYUAN_ENCRYPTION_KEY).encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
