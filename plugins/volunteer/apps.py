from core.plugins.manifest import PluginAppConfig

from .manifest import MANIFEST


class VolunteerConfig(PluginAppConfig):
    name = "plugins.volunteer"
    label = "volunteer"
    verbose_name = MANIFEST.label
    manifest = MANIFEST
