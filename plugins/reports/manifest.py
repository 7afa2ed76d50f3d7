"""一键报事: residents report problems; the grid, then escalation bodies, handle them."""

from django.utils.translation import gettext_lazy as _

from core.plugins.manifest import PluginManifest, PointRule

# Rule codes are stored in the points ledger: renaming one orphans past awards.
RULE_HAZARD_CONFIRMED = "reports.hazard_confirmed"

MANIFEST = PluginManifest(
    slug="reports",
    label=_("一键报事"),
    label_en="One-click report",
    version="1.0.0",
    description=_("一键报事：居民随手拍报矛盾纠纷、安全隐患等，网格受理、逐级流转、限时办结、评价销号。"),
    icon="reports/icon.svg",
    admin_icon="warning",
    colour="#d9480f",
    default_enabled=False,
    tile_order=5,
    permissions=(
        ("handle_report", "可受理和办理报事"),
        ("file_on_behalf", "可代居民报事"),
    ),
    point_rules=(
        PointRule(RULE_HAZARD_CONFIRMED, _("报告的安全隐患经网格确认"), 5, daily_cap=20),
    ),
    personal_data=("reports.Report", "reports.Transition"),
    api_enum_names={"ReportStatusEnum": "plugins.reports.models.Report.Status"},
)
