"""What this plugin is. Its slug is its app label, URL prefix and template folder."""

from django.utils.translation import gettext_lazy as _

from core.plugins.manifest import PluginManifest

PERMISSION_REPLY = "reply_letter"

MANIFEST = PluginManifest(
    slug="mailbox",
    label=_("村民信箱"),
    label_en="Mailbox",
    version="1.0.0",
    description=_("村民信箱：给所在村（社区）写信，提意见建议、求助、咨询或投诉，网格员和社区干部答复。"),
    icon="mailbox/icon.svg",
    admin_icon="mail",
    colour="#1677ff",
    # Off until an administrator enables it (site/config.toml does so at first boot).
    default_enabled=False,
    tile_order=40,
    permissions=((PERMISSION_REPLY, "可答复村民来信"),),
    # Letters carry the writer's own words; replies are addressed to them.
    personal_data=("mailbox.Letter", "mailbox.Reply"),
)
