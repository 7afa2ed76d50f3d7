"""What this plugin is. Its slug is its app label, URL prefix and template folder."""

from django.utils.translation import gettext_lazy as _

from core.plugins.manifest import PluginManifest

MANIFEST = PluginManifest(
    slug="psych",
    label=_("嘉心在线"),
    label_en="Psychology service",
    version="1.0.0",
    description=_("嘉心在线：免费心理自评（PHQ-9、GAD-7）、预约心理咨询师、匿名提问，咨询记录加密保存、仅本人可见。"),
    icon="psych/icon.svg",
    colour="#1677ff",
    # Off until the deployment turns it on (site/config.toml [plugins] enabled, or 应用管理).
    default_enabled=False,
    tile_order=60,
    personal_data=("psych.ScaleResult", "psych.Appointment", "psych.Message", "psych.Question"),
)
