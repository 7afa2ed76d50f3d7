"""Administrators (管理员) maintain the holiday calendar; nobody else sees it."""

from django.db import migrations

from core.identity.role_permissions import grant_role_permissions

ROLE_PERMISSIONS = {
    "管理员": ["view_holidayyear", "add_holidayyear", "change_holidayyear",
            "delete_holidayyear"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("workcalendar", "0001_initial"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant_role_permissions("workcalendar", ROLE_PERMISSIONS),
                                     migrations.RunPython.noop)]
