"""Per-instance secrets for development: generated once into the git-ignored var folder.

Production never uses this: it takes its secrets from the environment.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from pathlib import Path


def instance_secret(var_dir: Path) -> str:
    """A random secret kept in ``var/secret_key``; created on first use."""
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def fernet_key_from(secret: str) -> str:
    """A Fernet key derived from a secret, so dev needs only one secret file."""
    digest = hashlib.sha256(("jiayuan-encryption:" + secret).encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()
