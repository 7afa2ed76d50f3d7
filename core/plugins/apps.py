from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class PluginsConfig(AppConfig):
    """The plugin host; registers every installed plugin with pluggy once."""

    name = "core.plugins"
    label = "plugins"
    verbose_name = _("应用管理")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (system checks)
        from .host import host
        from .manifest import PluginAppConfig

        for app_config in apps.get_app_configs():
            if isinstance(app_config, PluginAppConfig):
                host.register_app(app_config)
