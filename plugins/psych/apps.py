from core.plugins.manifest import PluginAppConfig

from .manifest import MANIFEST


class PsychConfig(PluginAppConfig):
    name = "plugins.psych"
    label = "psych"
    verbose_name = MANIFEST.label
    manifest = MANIFEST
