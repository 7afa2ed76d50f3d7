from core.plugins.manifest import PluginAppConfig

from .manifest import MANIFEST


class LivingroomConfig(PluginAppConfig):
    name = "plugins.livingroom"
    label = "livingroom"
    verbose_name = MANIFEST.label
    manifest = MANIFEST
