"""What this plugin is. Its slug is its app label, URL prefix and template folder."""

from django.utils.translation import gettext_lazy as _

from core.plugins.manifest import PluginManifest, PointRule

# Rule codes are stored on activities: renaming one orphans existing activities.
RULE_ATTEND = "volunteer.attend"
RULE_ATTEND_LONG = "volunteer.attend_long"
LONG_SERVICE_HOURS = 4  # an activity crediting at least this many hours may use RULE_ATTEND_LONG

MANIFEST = PluginManifest(
    slug="volunteer",
    label=_("志愿服务"),
    label_en="Volunteering",
    version="1.0.0",
    description=_("志愿服务：报名社区志愿活动，签到记录服务时长，到场即得积分，可打印时长证明。"),
    icon="volunteer/icon.svg",
    admin_icon="group",
    colour="#e8590c",
    # Off until the deployment turns it on (site/config.toml [plugins] enabled, or
    # 应用管理), like every optional sub-application.
    default_enabled=False,
    tile_order=30,
    permissions=(
        ("confirm_signup", "可确认志愿者到场"),
    ),
    point_rules=(
        PointRule(RULE_ATTEND, _("参加志愿服务"), 10, daily_cap=20),
        PointRule(RULE_ATTEND_LONG, _("参加长时志愿服务（4小时及以上）"), 20, daily_cap=40),
    ),
    personal_data=("volunteer.SignUp", "volunteer.Organisation.members"),
)
