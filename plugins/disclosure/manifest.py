"""What this plugin is. Its slug is its app label, URL prefix and template folder."""

from django.utils.translation import gettext_lazy as _

from core.plugins.manifest import PluginManifest

MANIFEST = PluginManifest(
    slug="disclosure",
    label=_("村务公开"),
    label_en="Village affairs disclosure",
    version="1.0.0",
    description=_("三务公开：党务、村务、财务按村社和期间公开，收支明细自动核对，"
                  "更正留痕可查，居民可在线质询、干部公开答复。"),
    icon="disclosure/icon.svg",
    admin_icon="doc-full-inverse",
    colour="#0f766e",
    # Off until the deployment turns it on; enabling creates the 村务公开 section page.
    default_enabled=False,
    tile_order=35,
    permissions=(
        ("answer_question", "可公开答复居民质询"),
    ),
    page_models=("disclosure.DisclosureIndexPage", "disclosure.PostingPage"),
    personal_data=("disclosure.Question",),
    api_enum_names={"DisclosureKindEnum": "plugins.disclosure.models.Kind"},
)
