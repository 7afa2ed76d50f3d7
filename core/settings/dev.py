"""Development: the embedded SQLite demo that ``make run`` serves."""

import os

from .base import *  # noqa: F403
from .base import JIAYUAN_ENCRYPTION_KEY, VAR_DIR
from .instance import fernet_key_from, instance_secret

# `make run` serves the demo with DEBUG off (themed error pages, like production).
DEBUG = os.environ.get("JIAYUAN_DEBUG", "1") == "1"
JIAYUAN_SERVE_MEDIA = True
SECRET_KEY = instance_secret(VAR_DIR)
JIAYUAN_ENCRYPTION_KEY = JIAYUAN_ENCRYPTION_KEY or fernet_key_from(SECRET_KEY)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
