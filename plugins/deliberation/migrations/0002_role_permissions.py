"""Give the staff role groups their 网格议事 permissions (each within their scope grid).

Grid workers read; grid heads run topics, polls and suggestions and compile the
issue list; community cadres also run councils, meetings and 五议两公开 decisions.
"""

from django.db import migrations

from core.identity.role_permissions import grant_role_permissions

MODELS = ["poll", "topic", "opinion", "suggestion", "issuelist", "council", "meeting", "decision"]
VIEW = [f"view_{m}" for m in MODELS]
GRID_HEAD = [*VIEW, "add_poll", "change_poll", "add_topic", "change_topic", "change_opinion",
             "change_suggestion", "add_issuelist", "change_issuelist", "compile_issuelist"]
CADRE = [*GRID_HEAD, "delete_poll", "delete_topic", "delete_issuelist",
         "add_council", "change_council", "add_meeting", "change_meeting",
         "add_decision", "change_decision", "record_decisionstep"]
ROLE_PERMISSIONS = {
    "网格员": VIEW,
    "网格长": GRID_HEAD,
    "社区干部": CADRE,
    "镇街操作员": [*CADRE, "delete_council", "delete_meeting", "delete_decision"],
    "管理员": [*CADRE, "delete_council", "delete_meeting", "delete_decision"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("deliberation", "0001_initial"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant_role_permissions("deliberation", ROLE_PERMISSIONS),
                                     migrations.RunPython.noop)]
