"""Give the staff role groups their 矛盾调解 permissions (each within their scope grid).

Mediators work cases; county cadres and operators also maintain the directory;
grid workers and heads may look (they follow their residents' cases).
"""

from django.db import migrations

from core.identity.role_permissions import grant_role_permissions

VIEW = ["view_organisation", "view_mediator", "view_case", "view_session", "view_agreement"]
HANDLE = [*VIEW, "handle_case", "add_session", "change_session", "add_agreement"]
DIRECTORY = ["add_organisation", "change_organisation", "add_mediator", "change_mediator",
             "delete_mediator"]
ROLE_PERMISSIONS = {
    "网格员": VIEW,
    "网格长": VIEW,
    "调解员": HANDLE,
    "社区干部": [*HANDLE, *DIRECTORY],
    "镇街操作员": [*HANDLE, *DIRECTORY],
    "管理员": [*HANDLE, *DIRECTORY, "delete_organisation"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("mediation", "0001_initial"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant_role_permissions("mediation", ROLE_PERMISSIONS),
                                     migrations.RunPython.noop)]
