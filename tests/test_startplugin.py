"""``startplugin`` makes plugin number 41: generated, it installs and passes its tests
and the plugin contract in a fresh process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parent.parent
SLUG = "calendar"  # a standard-library module's name: allowed, plugins live at plugins.<slug>

pytestmark = pytest.mark.slow


def _child_env() -> dict[str, str]:
    # SQLite in the child: on PostgreSQL it would try to create the test database
    # this process is using.
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "CACHE_URL", "REDIS_URL")}
    return {**env, "DJANGO_SETTINGS_MODULE": "core.settings.test"}


def test_generated_plugin_passes_its_tests_and_the_contract():
    target = ROOT / "plugins" / SLUG
    assert not target.exists(), f"{target} is in the way"
    try:
        call_command("startplugin", SLUG, label="农事日历", verbosity=0)
        for name in ("manifest.py", "hooks.py", "views.py", "urls.py", "api.py",
                     "templates/calendar/index.html", "static/calendar/icon.svg",
                     "tests/test_module.py"):
            assert (target / name).is_file(), name
        # A new process discovers plugins/calendar like any installed plugin.
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
             f"plugins/{SLUG}", "tests/test_plugin_contract.py", "-k", f"{SLUG} or module"],
            cwd=ROOT, env=_child_env(),
            capture_output=True, text=True, timeout=600,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
        assert " passed" in result.stdout and "failed" not in result.stdout
    finally:
        shutil.rmtree(target, ignore_errors=True)


@pytest.mark.parametrize("slug", ["Bad-Slug", "1st", "x"])
def test_bad_slugs_are_refused(slug):
    with pytest.raises(CommandError):
        call_command("startplugin", slug, verbosity=0)
    assert not (ROOT / "plugins" / slug).exists()


def test_existing_plugin_is_not_overwritten(tmp_path):
    (tmp_path / "hotline").mkdir()
    with pytest.raises(CommandError, match="already exists"):
        call_command("startplugin", "hotline", directory=str(tmp_path), verbosity=0)
