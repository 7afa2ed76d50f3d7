"""Give the staff role groups their 一键报事 permissions, and seed default SLA policies.

Every handling role works the 报事工作台 (each within their scope grid and stage);
the grid team also files on behalf of walk-in residents. Configuration
(categories, handling bodies, routing rules, SLAs) is for administrators only.
"""

from django.db import migrations

from core.identity.role_permissions import grant_role_permissions

HANDLE = ["handle_report"]
FILE = [*HANDLE, "file_on_behalf"]
CONFIGURE = [
    f"{action}_{model}"
    for model in ("category", "handlingbody", "routingrule", "slapolicy")
    for action in ("add", "change", "delete", "view")
]
ROLE_PERMISSIONS = {
    "网格员": FILE,
    "网格长": FILE,
    "社区干部": FILE,
    "镇街操作员": FILE,
    "调解员": HANDLE,
    "法官": HANDLE,
    "管理员": [*FILE, *CONFIGURE],
}
# Working days per stage when no category-specific policy exists (即办/联办 tiers:
# red matters the next working day, yellow within three, green within five).
DEFAULT_SLA = {"red": 1, "yellow": 3, "green": 5}


def seed_sla(apps, schema_editor) -> None:
    SlaPolicy = apps.get_model("reports", "SlaPolicy")
    for urgency, days in DEFAULT_SLA.items():
        SlaPolicy.objects.get_or_create(category=None, urgency=urgency,
                                        defaults={"working_days": days})


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("identity", "0003_role_groups"),
    ]
    operations = [
        migrations.RunPython(grant_role_permissions("reports", ROLE_PERMISSIONS),
                             migrations.RunPython.noop),
        migrations.RunPython(seed_sla, migrations.RunPython.noop),
    ]
