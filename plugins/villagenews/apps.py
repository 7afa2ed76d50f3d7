from core.plugins.manifest import PluginAppConfig

from .manifest import MANIFEST


class VillagenewsConfig(PluginAppConfig):
    name = "plugins.villagenews"
    label = "villagenews"
    verbose_name = MANIFEST.label
    manifest = MANIFEST
