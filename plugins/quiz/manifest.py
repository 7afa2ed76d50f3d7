"""What this plugin is. Its slug is its app label, URL prefix and template folder."""

from django.utils.translation import gettext_lazy as _

from core.plugins.manifest import PluginManifest, PointRule

RULE_TAKE_PART = "quiz.take_part"
RULE_PASS = "quiz.pass"  # noqa: S105 — a points rule code, not a secret

MANIFEST = PluginManifest(
    slug="quiz",
    label=_("安全答题"),
    label_en="Quiz",
    version="1.0.0",
    description=_("安全答题：国安在线、平安锦鲤等知识竞答与平安问卷，答题得积分，合格者参与锦鲤抽奖。"),
    icon="quiz/icon.svg",
    admin_icon="help",
    colour="#1677ff",
    # Off until the deployment turns it on (site/config.toml [plugins] enabled, or 应用管理).
    default_enabled=False,
    tile_order=40,
    permissions=(
        ("draw_winners", "可进行锦鲤抽奖"),
    ),
    point_rules=(
        PointRule(RULE_TAKE_PART, _("参加安全答题"), 2, daily_cap=6),
        PointRule(RULE_PASS, _("安全答题合格"), 5, daily_cap=10),
    ),
    personal_data=("quiz.Attempt",),
)
