from core.plugins.manifest import PluginAppConfig

from .manifest import MANIFEST


class CourtConfig(PluginAppConfig):
    name = "plugins.court"
    label = "court"
    verbose_name = MANIFEST.label
    manifest = MANIFEST
