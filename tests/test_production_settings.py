"""Production settings come from the environment and pass ``check --deploy``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent


def _check(extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JIAYUAN_"))}
    env.update(DJANGO_SETTINGS_MODULE="core.settings.production", **extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_passes_without_warnings():
    result = _check({
        "DJANGO_SECRET_KEY": "x" * 20 + "production-test-key-that-is-long-and-random-0123456789",
        "JIAYUAN_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "DJANGO_ALLOWED_HOSTS": "jiayuan.example.cn",
    })
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_is_refused():
    result = _check({"DJANGO_ALLOWED_HOSTS": "jiayuan.example.cn"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
