from core.plugins.manifest import PluginAppConfig

from .manifest import MANIFEST


class MailboxConfig(PluginAppConfig):
    name = "plugins.mailbox"
    label = "mailbox"
    verbose_name = MANIFEST.label
    manifest = MANIFEST
