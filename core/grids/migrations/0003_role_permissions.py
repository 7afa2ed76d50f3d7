"""Give the staff role groups their 网格管理 permissions (each within their scope grid)."""

from django.db import migrations

from core.identity.role_permissions import grant_role_permissions

ROLE_PERMISSIONS = {
    "网格员": ["view_grid"],
    "网格长": ["view_grid", "change_grid"],
    "社区干部": ["view_grid", "change_grid", "add_grid"],
    "镇街操作员": ["view_grid", "change_grid", "add_grid", "delete_grid"],
    "管理员": ["view_grid", "change_grid", "add_grid", "delete_grid"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("grids", "0002_head_phone_validator"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant_role_permissions("grids", ROLE_PERMISSIONS),
                                     migrations.RunPython.noop)]
