from core.plugins.manifest import PluginAppConfig

from .manifest import MANIFEST


class Open311Config(PluginAppConfig):
    name = "plugins.open311"
    label = "open311"
    verbose_name = MANIFEST.label
    manifest = MANIFEST
