"""Give the role groups their 积分管理 permissions (each within their scope grid).

Grid workers review claims and read the ledger; heads, cadres and town operators
also adjust; administrators also set rule values and caps.
"""

from django.db import migrations

from core.identity.role_permissions import grant_role_permissions

REVIEW = ["review_pointclaim", "view_pointclaim", "view_pointentry"]
ADJUST = [*REVIEW, "adjust_points"]
ROLE_PERMISSIONS = {
    "网格员": REVIEW,
    "网格长": ADJUST,
    "社区干部": ADJUST,
    "镇街操作员": ADJUST,
    "管理员": [*ADJUST, "add_rulesetting", "change_rulesetting", "delete_rulesetting",
            "view_rulesetting"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("points", "0002_claims"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant_role_permissions("points", ROLE_PERMISSIONS),
                                     migrations.RunPython.noop)]
