"""Give the cadre roles the 居民质询 queue (each within their scope grid).

Community cadres and town operators answer residents' questions publicly; the
page permissions to publish postings are granted on the 村务公开 section page
when the plugin is enabled (services.ensure_index), as for the other page types.
"""

from django.db import migrations

from core.identity.role_permissions import grant_role_permissions

ANSWER = ["view_question", "change_question", "answer_question"]
ROLE_PERMISSIONS = {
    "社区干部": ANSWER,
    "镇街操作员": ANSWER,
    "管理员": ANSWER,
}


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0001_initial"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant_role_permissions("disclosure", ROLE_PERMISSIONS),
                                     migrations.RunPython.noop)]
