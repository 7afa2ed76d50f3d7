from core.plugins.manifest import PluginAppConfig

from .manifest import MANIFEST


class HotlineConfig(PluginAppConfig):
    name = "plugins.hotline"
    label = "hotline"
    verbose_name = MANIFEST.label
    manifest = MANIFEST
