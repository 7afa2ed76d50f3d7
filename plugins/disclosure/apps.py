from core.plugins.manifest import PluginAppConfig

from .manifest import MANIFEST


class DisclosureConfig(PluginAppConfig):
    name = "plugins.disclosure"
    label = "disclosure"
    verbose_name = MANIFEST.label
    manifest = MANIFEST

    def ready(self) -> None:
        # A Django signal, not a Wagtail hook: recording what was published must
        # happen on every publish path (editor, bulk action, scheduler, API),
        # whether or not the plugin is enabled where the request comes from.
        from wagtail.signals import page_published

        from .models import PostingPage
        from .services import record_publication

        page_published.connect(record_publication, sender=PostingPage,
                               dispatch_uid="disclosure.record_publication")
