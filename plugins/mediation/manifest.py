"""What this plugin is. Its slug is its app label, URL prefix and template folder."""

from django.utils.translation import gettext_lazy as _

from core.plugins.manifest import PluginManifest

MANIFEST = PluginManifest(
    slug="mediation",
    label=_("矛盾调解"),
    label_en="Mediation",
    version="1.0.0",
    description=_("矛盾调解：调解组织与调解员名录，报事进入调解环节后分派组织和调解员、"
                  "安排调解、记录笔录，达成调解协议或调解不成逐级移交。"),
    icon="mediation/icon.svg",
    admin_icon="group",
    colour="#1c7ed6",
    # Builds on 一键报事: cases are opened from reports and resolved through its workflow.
    depends_on=("reports",),
    default_enabled=False,
    tile_order=8,
    permissions=(
        ("handle_case", "可办理调解案件"),
    ),
    personal_data=("mediation.Mediator", "mediation.Agreement"),
    api_enum_names={"MediationCaseStatusEnum": "plugins.mediation.models.CaseStatus"},
)
