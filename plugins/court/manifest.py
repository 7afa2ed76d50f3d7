"""What this plugin is. Its slug is its app label, URL prefix and template folder."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.plugins.manifest import PluginManifest

SLUG = "court"
DEFAULT_CANCEL_CUTOFF_HOURS = 24
DEFAULT_ANSWER_BADGES = "法官、律师"


class CourtSettingsForm(forms.Form):
    """Site-wide settings (应用管理 > 在线法院 > 设置)."""

    cancel_cutoff_hours = forms.IntegerField(
        label=_("取消预约截止（开始前多少小时）"), min_value=0, max_value=168,
        help_text=_("距预约开始不足该小时数时，居民不能再自行取消，需联系法官。"),
    )
    answer_badges = forms.CharField(
        label=_("可解答法律问题的身份标识"), max_length=200, required=False,
        help_text=_("法官角色之外，持有这些身份标识（如“律师”）的用户也可以回答居民提问；用顿号分隔。"),
    )


MANIFEST = PluginManifest(
    slug=SLUG,
    label=_("在线法院"),
    label_en="Online court",
    version="1.0.0",
    description=_("在线法院：预约结对法官（法律咨询、诉前调解），法院公告和诉讼指南，"
                  "法治互动问答；进入诉讼阶段的报事由结对法官诉前调解、司法确认或立案审理。"),
    icon="court/icon.svg",
    admin_icon="calendar-check",
    colour="#1f3a93",
    depends_on=("reports",),
    default_enabled=False,
    tile_order=55,
    settings_form=CourtSettingsForm,
    default_settings={"cancel_cutoff_hours": DEFAULT_CANCEL_CUTOFF_HOURS,
                      "answer_badges": DEFAULT_ANSWER_BADGES},
    permissions=(
        ("publish_answer", "可将法律问答公开为常见问题"),
        ("decide_case", "可记录法院诉讼阶段结果"),
    ),
    page_models=("court.CourtInfoIndexPage", "court.CourtNoticePage", "court.LitigationGuidePage"),
    personal_data=("court.Booking", "court.Question", "court.Answer"),
)
