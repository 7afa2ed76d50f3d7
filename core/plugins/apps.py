from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class PluginsConfig(AppConfig):
    """The plugin host; registers every installed plugin with pluggy once."""

    name = "core.plugins"
    label = "plugins"
    verbose_name = _("应用管理")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core.apischema import add_enum_names

        from . import checks  # noqa: F401  (system checks)
        from .host import host
        from .manifest import PluginAppConfig

        plugin_apps = [a for a in apps.get_app_configs() if isinstance(a, PluginAppConfig)]
        for app_config in dependencies_first(plugin_apps):
            host.register_app(app_config)
            add_enum_names(app_config.manifest.api_enum_names)


def dependencies_first(plugin_apps: list) -> list:
    """Plugin apps ordered so each comes after the plugins it depends on.

    Hooks run in registration order, so e.g. the reports plugin's demo content
    exists before mediation's demo acts on it. Otherwise the order is kept; a
    missing dependency or a cycle is reported by the system checks, not here.
    """
    by_slug = {app.manifest.slug: app for app in plugin_apps}
    ordered: list = []
    visiting: set[str] = set()

    def visit(app) -> None:
        slug = app.manifest.slug
        if app in ordered or slug in visiting:
            return
        visiting.add(slug)
        for dependency in app.manifest.depends_on:
            if dependency in by_slug:
                visit(by_slug[dependency])
        ordered.append(app)

    for app in plugin_apps:
        visit(app)
    return ordered
