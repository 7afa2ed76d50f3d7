"""A minimal plugin with one route that reports which process answered.

Installed only in test settings; used by the propagation and contract tests.
"""

from core.plugins.manifest import PluginAppConfig, PluginManifest


class ProbeConfig(PluginAppConfig):
    name = "tests.plugins.probe"
    label = "probe"
    manifest = PluginManifest(
        slug="probe", label="探针", label_en="Probe", version="0.0.1",
        description="Answers with its process id.", show_tile=False,
    )
