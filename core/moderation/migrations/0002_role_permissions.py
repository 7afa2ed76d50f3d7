"""Administrators (管理员) maintain the sensitive-word dictionary; nobody else sees it."""

from django.db import migrations

from core.identity.role_permissions import grant_role_permissions

ROLE_PERMISSIONS = {
    "管理员": ["view_sensitiveword", "add_sensitiveword", "change_sensitiveword",
            "delete_sensitiveword"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant_role_permissions("moderation", ROLE_PERMISSIONS),
                                     migrations.RunPython.noop)]
