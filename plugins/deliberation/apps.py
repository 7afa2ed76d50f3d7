from core.plugins.manifest import PluginAppConfig

from .manifest import MANIFEST


class DeliberationConfig(PluginAppConfig):
    name = "plugins.deliberation"
    label = "deliberation"
    verbose_name = MANIFEST.label
    manifest = MANIFEST
