from core.plugins.manifest import PluginAppConfig

from .manifest import MANIFEST


class QuizConfig(PluginAppConfig):
    name = "plugins.quiz"
    label = "quiz"
    verbose_name = MANIFEST.label
    manifest = MANIFEST
