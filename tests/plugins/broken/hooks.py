"""Every hookspec, implemented to raise."""

from core.plugins.hookspecs import hookimpl


class BrokenPluginError(RuntimeError):
    pass


def _fail(name):
    raise BrokenPluginError(f"broken plugin fails in {name}")


@hookimpl
def register_urls():
    _fail("register_urls")


@hookimpl
def register_api_urls():
    _fail("register_api_urls")


@hookimpl
def register_admin_urls():
    _fail("register_admin_urls")


@hookimpl
def register_admin_viewsets():
    _fail("register_admin_viewsets")


@hookimpl
def register_admin_menu_items():
    _fail("register_admin_menu_items")


@hookimpl
def home_panels(request, grid):
    _fail("home_panels")


@hookimpl
def user_center_links(request, user):
    _fail("user_center_links")


@hookimpl
def search(request, query, terms):
    _fail("search")


@hookimpl
def on_event(name, payload):
    _fail("on_event")


@hookimpl
def plugin_enabled(site, grid, user):
    _fail("plugin_enabled")


@hookimpl
def plugin_disabled(site, grid, user):
    _fail("plugin_disabled")


@hookimpl
def health_checks():
    _fail("health_checks")


@hookimpl
def export_user_data(user):
    _fail("export_user_data")
