"""What this plugin is: 网格议事 (polls, topics, suggestions, issue lists, councils, 五议两公开)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.plugins.manifest import PluginManifest, PointRule

# Rule codes are stored in the points ledger: renaming one orphans its entries.
RULE_VOTE = "deliberation.vote"
RULE_ADOPTED = "deliberation.suggestion_adopted"
RULE_ATTEND = "deliberation.council_attend"

RESULTS_LIVE = "live"
RESULTS_AFTER_CLOSE = "after_close"


class DeliberationSettingsForm(forms.Form):
    """Site-wide settings (应用管理 > 网格议事 > 设置)."""

    results_default = forms.ChoiceField(
        label=_("新建投票的结果公布方式（默认）"),
        choices=[(RESULTS_LIVE, _("投票期间实时公布")), (RESULTS_AFTER_CLOSE, _("投票结束后公布"))],
        help_text=_("每个投票可以单独修改；此处只决定新建投票时的默认值。"),
    )


MANIFEST = PluginManifest(
    slug="deliberation",
    label=_("网格议事"),
    label_en="Deliberation",
    version="1.0.0",
    description=_("网格议事：民主投票、议题讨论、提出建议，网格长汇总问题清单，"
                  "百姓议事会、乡贤参事会议事，村级重大事项按“五议两公开”决策并公开。"),
    icon="deliberation/icon.svg",
    admin_icon="group",
    colour="#0b7285",
    default_enabled=False,
    tile_order=40,
    settings_form=DeliberationSettingsForm,
    default_settings={"results_default": RESULTS_AFTER_CLOSE},
    permissions=(
        ("compile_issuelist", "可汇总问题清单"),
        ("record_decisionstep", "可记录五议两公开决策步骤"),
    ),
    point_rules=(
        PointRule(RULE_VOTE, _("参与民主投票"), 2, daily_cap=10),
        PointRule(RULE_ADOPTED, _("建议被采纳"), 10),
        PointRule(RULE_ATTEND, _("参加议事会会议"), 5, monthly_cap=20),
    ),
    personal_data=("deliberation.Ballot", "deliberation.Opinion", "deliberation.Suggestion",
                   "deliberation.Support"),
)
