"""Administrators (管理员) manage Open311 API keys; nobody else sees them."""

from django.db import migrations

from core.identity.role_permissions import grant_role_permissions

ROLE_PERMISSIONS = {
    "管理员": ["view_apikey", "add_apikey", "change_apikey", "delete_apikey"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("open311", "0001_initial"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant_role_permissions("open311", ROLE_PERMISSIONS),
                                     migrations.RunPython.noop)]
