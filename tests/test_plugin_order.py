"""Plugins are registered after the plugins they depend on, so hooks see them in that order."""

from __future__ import annotations

from types import SimpleNamespace

from core.plugins.apps import dependencies_first
from core.plugins.host import host


def _app(slug: str, *depends_on: str):
    return SimpleNamespace(manifest=SimpleNamespace(slug=slug, depends_on=depends_on))


def test_dependencies_come_first_and_the_rest_keeps_its_order():
    apps = [_app("court", "reports"), _app("hotline"), _app("open311", "reports"),
            _app("reports", "calendar"), _app("calendar")]
    slugs = [app.manifest.slug for app in dependencies_first(apps)]
    assert slugs == ["calendar", "reports", "court", "hotline", "open311"]


def test_missing_dependency_and_cycle_do_not_loop_or_drop_plugins():
    apps = [_app("a", "b"), _app("b", "a"), _app("c", "not-installed")]
    assert sorted(app.manifest.slug for app in dependencies_first(apps)) == ["a", "b", "c"]


def test_host_calls_hooks_of_a_dependency_before_its_dependents():
    order = [impl.plugin_name for impl in host.pm.hook.load_demo_content.get_hookimpls()]
    for slug, manifest in host.manifests.items():
        for dependency in manifest.depends_on:
            if slug in order and dependency in order:
                assert order.index(dependency) < order.index(slug), (dependency, slug)
