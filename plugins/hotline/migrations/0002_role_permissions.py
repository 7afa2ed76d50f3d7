"""Let editors and administrators maintain 热线号码 (each within their scope grid)."""

from django.db import migrations

from core.identity.role_permissions import grant_role_permissions

MODEL_PERMISSIONS = ["view_hotlineentry", "add_hotlineentry", "change_hotlineentry",
                     "delete_hotlineentry"]
ROLE_PERMISSIONS = {"编辑": MODEL_PERMISSIONS, "管理员": MODEL_PERMISSIONS}


class Migration(migrations.Migration):
    dependencies = [
        ("hotline", "0001_initial"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant_role_permissions("hotline", ROLE_PERMISSIONS),
                                     migrations.RunPython.noop)]
