"""What this plugin is. Its slug is its app label, URL prefix and template folder."""

from django.utils.translation import gettext_lazy as _

from core.plugins.manifest import PluginManifest

MANIFEST = PluginManifest(
    slug="hotline",
    label=_("便民热线"),
    label_en="Hotlines",
    version="1.0.0",
    description=_("便民热线：96345、12345、报警急救、水电气抢修和网格长电话，一键拨打。"),
    icon="hotline/icon.svg",
    admin_icon="mobile-alt",
    colour="#0e9f6e",
    # Off until an administrator enables it (site/config.toml does so at first boot).
    default_enabled=False,
    tile_order=20,
)
