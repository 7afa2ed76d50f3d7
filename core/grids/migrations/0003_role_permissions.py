"""Give the staff role groups their 网格管理 permissions (each within their scope grid)."""

from django.db import migrations

ROLE_PERMISSIONS = {
    "网格员": ["view_grid"],
    "网格长": ["view_grid", "change_grid"],
    "社区干部": ["view_grid", "change_grid", "add_grid"],
    "镇街操作员": ["view_grid", "change_grid", "add_grid", "delete_grid"],
    "管理员": ["view_grid", "change_grid", "add_grid", "delete_grid"],
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
            content_type__app_label="grids", codename__in=codenames
        ))


class Migration(migrations.Migration):
    dependencies = [
        ("grids", "0002_head_phone_validator"),
        ("identity", "0003_role_groups"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
