"""Tests: fast hashing, immediate tasks, a fixed throwaway key."""

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "test-only-not-secret"  # noqa: S105 — never used outside tests
JIAYUAN_ENCRYPTION_KEY = "b7Jv0o4bO1iV6mE8Y1bVQm9pV3pQd3e4lW1o0t7n3Qk="
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests render templates without running collectstatic.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
JIAYUAN_PLUGINS_STRICT = True

# Test-only plugins (datasette's tests/plugins pattern): one that raises in every
# hook, one tiny route for propagation tests.
INSTALLED_APPS = [*INSTALLED_APPS]  # noqa: F405
_after = INSTALLED_APPS.index("wagtail.contrib.forms")
INSTALLED_APPS[_after:_after] = ["tests.plugins.broken", "tests.plugins.probe"]
