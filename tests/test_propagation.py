"""A toggle reaches every gunicorn worker on its next request, with no restart.

Starts a real gunicorn with two worker processes on 127.0.0.1 over a migrated
SQLite file, disables a plugin through the CLI (another process), and checks
that both workers answer 404 for it. Run twice: with the stamp read from the
database (no shared cache) and, when Redis answers, from Redis.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 — loopback only
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _pids_until_both(base: str, path: str, expect_status: int) -> dict[int, int]:
    """Hit ``path`` until two worker pids answered ``/healthz``; return pid → version."""
    seen: dict[int, int] = {}
    for _ in range(400):
        status, _body = _get(base + path)
        assert status == expect_status
        health = json.loads(_get(base + "/healthz")[1])
        seen[health["pid"]] = health["plugins_version"]
        if len(seen) == 2:
            return seen
    pytest.fail(f"only saw workers {seen}")


@pytest.mark.parametrize("stamp", ["database", "redis"])
def test_toggle_reaches_both_workers(stamp, tmp_path):
    if stamp == "redis" and not _redis_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    env = {k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="core.settings.test",
        DATABASE_URL=f"sqlite:///{tmp_path / 'propagation.sqlite3'}",
        JIAYUAN_VAR_DIR=str(tmp_path),
    )
    if stamp == "redis":
        env["CACHE_URL"] = "redis://127.0.0.1:6379/15"
        subprocess.run(["redis-cli", "-n", "15", "flushdb"], capture_output=True, check=False)
    _manage(env, "migrate", "--noinput")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "core.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                if _get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        before = _pids_until_both(base, "/probe/", 200)
        _manage(env, "plugins", "disable", "probe")
        after = _pids_until_both(base, "/probe/", 404)
        assert set(after.values()) == {max(before.values()) + 1}
        _manage(env, "plugins", "enable", "probe")
        _pids_until_both(base, "/probe/", 200)
    finally:
        server.terminate()
        server.wait(timeout=20)
