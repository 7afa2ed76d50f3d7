from core.plugins.manifest import PluginAppConfig

from .manifest import MANIFEST


class ReportsConfig(PluginAppConfig):
    name = "plugins.reports"
    label = "reports"
    verbose_name = MANIFEST.label
    manifest = MANIFEST
