"""A deliberately broken plugin: every hook raises. Installed only in test settings."""

from core.plugins.manifest import PluginAppConfig, PluginManifest


class BrokenConfig(PluginAppConfig):
    name = "tests.plugins.broken"
    label = "broken"
    manifest = PluginManifest(
        slug="broken", label="故障测试应用", label_en="Broken test plugin", version="0.0.1",
        description="Raises in every hook.", default_enabled=False,
    )
