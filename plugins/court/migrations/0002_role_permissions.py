"""Give the role groups their 在线法院 permissions (each within their scope grid).

Judges publish their slots and review Q&A for their county; editors review Q&A;
administrators also maintain the judges and their pairings with villages.
"""

from django.db import migrations

from core.identity.role_permissions import grant_role_permissions

REVIEW = ["view_question", "view_answer", "publish_answer"]
JUDGE = [*REVIEW, "view_judgeprofile", "view_slot", "add_slot", "change_slot", "delete_slot",
         "view_booking", "view_courtcase", "decide_case"]
ADMIN = [*JUDGE, "add_judgeprofile", "change_judgeprofile", "delete_judgeprofile"]
ROLE_PERMISSIONS = {
    "法官": JUDGE,
    "编辑": REVIEW,
    "管理员": ADMIN,
}


class Migration(migrations.Migration):
    dependencies = [
        ("court", "0001_initial"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant_role_permissions("court", ROLE_PERMISSIONS),
                                     migrations.RunPython.noop)]
