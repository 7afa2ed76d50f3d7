"""Give the staff role groups their 社区会客厅 permissions (each within their scope grid).

Community cadres, town operators and administrators moderate: their comments are
official answers in the communities their scope covers. Grid workers and grid
heads answer for one grid, not a whole community, so they read as residents.
"""

from django.db import migrations

from core.identity.role_permissions import grant_role_permissions

MODERATE = ["moderate_post", "view_post", "change_post", "delete_post", "view_comment",
            "change_comment", "delete_comment", "view_flag", "view_ban", "add_ban", "change_ban"]
ROLE_PERMISSIONS = {
    "社区干部": MODERATE,
    "镇街操作员": MODERATE,
    "管理员": MODERATE,
}


class Migration(migrations.Migration):
    dependencies = [
        ("livingroom", "0001_initial"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant_role_permissions("livingroom", ROLE_PERMISSIONS),
                                     migrations.RunPython.noop)]
