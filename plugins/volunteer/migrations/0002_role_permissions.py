"""Give the staff role groups their 志愿服务 permissions (each within their scope grid).

Grid workers confirm attendance on the ground; grid heads and cadres publish
activities; town operators and administrators also register organisations.
"""

from django.db import migrations

from core.identity.role_permissions import grant_role_permissions

VIEW = ["view_activity", "view_organisation", "view_signup"]
PUBLISH = [*VIEW, "add_activity", "change_activity", "confirm_signup"]
MANAGE = [*PUBLISH, "delete_activity", "add_organisation", "change_organisation"]
ROLE_PERMISSIONS = {
    "网格员": [*VIEW, "confirm_signup"],
    "网格长": PUBLISH,
    "社区干部": MANAGE,
    "镇街操作员": [*MANAGE, "delete_organisation"],
    "管理员": [*MANAGE, "delete_organisation"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("volunteer", "0001_initial"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant_role_permissions("volunteer", ROLE_PERMISSIONS),
                                     migrations.RunPython.noop)]
