"""Give the staff role groups their 安全答题 permissions (each within their scope grid).

Grid workers view results; grid heads and cadres build quizzes; town operators and
administrators also delete quizzes and run the 锦鲤 draw.
"""

from django.db import migrations

from core.identity.role_permissions import grant_role_permissions

VIEW = ["view_quiz", "view_question", "view_attempt", "view_draw"]
BUILD = [*VIEW, "add_quiz", "change_quiz", "add_question", "change_question", "delete_question"]
MANAGE = [*BUILD, "delete_quiz", "draw_winners"]
ROLE_PERMISSIONS = {
    "网格员": VIEW,
    "网格长": BUILD,
    "社区干部": [*BUILD, "draw_winners"],
    "镇街操作员": MANAGE,
    "管理员": MANAGE,
}


class Migration(migrations.Migration):
    dependencies = [
        ("quiz", "0001_initial"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant_role_permissions("quiz", ROLE_PERMISSIONS),
                                     migrations.RunPython.noop)]
