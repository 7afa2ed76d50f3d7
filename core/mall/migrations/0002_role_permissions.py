"""Give the role groups their 积分商城 permissions (each within their scope grid).

Everyone who staffs a points shop verifies (核销) and lists orders; cadres and
town operators also manage the catalogue and the credit benefits of their area;
administrators everything.
"""

from django.db import migrations

from core.identity.role_permissions import grant_role_permissions

VERIFY = ["verify_order", "view_order"]
CATALOGUE = [*VERIFY, "add_mallitem", "change_mallitem", "delete_mallitem", "view_mallitem",
             "add_creditbenefit", "change_creditbenefit", "delete_creditbenefit",
             "view_creditbenefit"]
ROLE_PERMISSIONS = {
    "网格员": VERIFY,
    "网格长": VERIFY,
    "社区干部": CATALOGUE,
    "镇街操作员": CATALOGUE,
    "管理员": CATALOGUE,
}


class Migration(migrations.Migration):
    dependencies = [
        ("mall", "0001_initial"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant_role_permissions("mall", ROLE_PERMISSIONS),
                                       migrations.RunPython.noop)]
