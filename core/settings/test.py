"""Tests: fast hashing, immediate tasks, a fixed throwaway key."""

import os

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

# A shared Redis outlives each test's rolled-back database: every xdist worker gets
# keys of its own, which core.testing clears before each test. (Not per process:
# the gunicorn workers and CLI a propagation test starts must share one stamp.)
if CACHE_URL:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = (  # noqa: F405
        f"jiayuan-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    )

# Test-only plugins (datasette's tests/plugins pattern): one that raises in every
# hook, one tiny route for propagation tests.
INSTALLED_APPS = [*INSTALLED_APPS]  # noqa: F405
_after = INSTALLED_APPS.index("wagtail.contrib.forms")
INSTALLED_APPS[_after:_after] = ["tests.plugins.broken", "tests.plugins.probe"]

# A file, not memory: threads in the concurrency tests then lock and wait as in
# production (shared-cache memory databases fail at once instead of waiting).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        # One file per process, so that concurrent test runs never share one.
        "NAME": os.path.join(tempfile.gettempdir(), f"jiayuan-test-{os.getpid()}.sqlite3")
    }
