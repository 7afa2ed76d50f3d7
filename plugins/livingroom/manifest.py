"""What this plugin is. Its slug is its app label, URL prefix and template folder."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.plugins.manifest import PluginManifest, PointRule

RULE_POST = "livingroom.post"
RULE_LIKED = "livingroom.liked"
DEFAULT_FLAG_THRESHOLD = 3


class LivingroomSettingsForm(forms.Form):
    """Edited on the plugin's 应用管理 page; stored as the site's plugin config."""

    flag_threshold = forms.IntegerField(
        label=_("自动隐藏举报数"), min_value=1, max_value=50,
        help_text=_("帖子或评论被这么多位居民举报后自动隐藏，等待管理员复核。"),
        error_messages={"min_value": _("至少为 1。"), "max_value": _("不能超过 50。"),
                        "required": _("请填写自动隐藏举报数。")},
    )
    per_page = forms.IntegerField(label=_("每页帖子数"), min_value=5, max_value=50,
                                  error_messages={"min_value": _("至少为 5。"),
                                                  "max_value": _("不能超过 50。")})


MANIFEST = PluginManifest(
    slug="livingroom",
    label=_("社区会客厅"),
    label_en="Community living room",
    version="1.0.0",
    description=_("社区会客厅：居民在本社区发帖、评论、点赞，社区干部官方回复；敏感词过滤、举报自动隐藏、"
                  "管理员审核与限时禁言。"),
    icon="livingroom/icon.svg",
    admin_icon="comment",
    colour="#13a8a8",
    default_enabled=False,
    tile_order=25,
    settings_form=LivingroomSettingsForm,
    default_settings={"flag_threshold": DEFAULT_FLAG_THRESHOLD, "per_page": 15},
    permissions=(("moderate_post", "可管理社区会客厅内容"),),
    point_rules=(
        # Capped per day: public scripts automate posting and liking (DOMAIN.md §5).
        PointRule(RULE_POST, _("在社区会客厅发帖"), 2, daily_cap=4),
        PointRule(RULE_LIKED, _("帖子获得点赞"), 1, daily_cap=5),
    ),
    personal_data=("livingroom.Post", "livingroom.Comment", "livingroom.Like",
                   "livingroom.Flag", "livingroom.Ban"),
    api_enum_names={"LivingroomStatusEnum": "plugins.livingroom.models.Status"},
)
