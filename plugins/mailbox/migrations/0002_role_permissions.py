"""Let the grid roles read and answer letters (each within their scope grid)."""

from django.db import migrations

from core.identity.role_permissions import grant_role_permissions

REPLIERS = ["网格员", "网格长", "社区干部", "镇街操作员", "管理员"]
CODENAMES = ["view_letter", "reply_letter"]
ROLE_PERMISSIONS = {group: CODENAMES for group in REPLIERS}


class Migration(migrations.Migration):
    dependencies = [
        ("mailbox", "0001_initial"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant_role_permissions("mailbox", ROLE_PERMISSIONS),
                                     migrations.RunPython.noop)]
