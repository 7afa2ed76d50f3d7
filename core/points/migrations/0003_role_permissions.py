"""Give the role groups their 积分管理 permissions (each within their scope grid).

Grid workers review claims and read the ledger; heads, cadres and town operators
also adjust; administrators also set rule values and caps.
"""

from django.db import migrations

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


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        group.permissions.add(*Permission.objects.filter(
            content_type__app_label="points", codename__in=codenames
        ))


class Migration(migrations.Migration):
    dependencies = [
        ("points", "0002_claims"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
