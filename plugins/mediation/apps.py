from core.plugins.manifest import PluginAppConfig

from .manifest import MANIFEST


class MediationConfig(PluginAppConfig):
    name = "plugins.mediation"
    label = "mediation"
    verbose_name = MANIFEST.label
    manifest = MANIFEST
