"""What this plugin is. Its slug is its app label, URL prefix and template folder."""

from django.utils.translation import gettext_lazy as _

from core.plugins.manifest import PluginManifest

MANIFEST = PluginManifest(
    slug="villagenews",
    label=_("村情动态"),
    label_en="Village news",
    version="1.0.0",
    description=_("村情动态：村里、社区里发生的新鲜事，图文并茂，按网格推送给居民。"),
    icon="villagenews/icon.svg",
    admin_icon="doc-full",
    colour="#d97706",
    # Off until an administrator switches it on: enabling runs plugin_enabled, which
    # creates the 村情动态 index page that the app tile leads to.
    default_enabled=False,
    tile_order=40,
    page_models=("villagenews.VillageNewsIndexPage", "villagenews.VillageNewsPage"),
)
