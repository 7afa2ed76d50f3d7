"""Create one group per role, with the permissions each role needs in the admin."""

from django.db import migrations

from core.identity.roles import GROUP_NAMES

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
ROLE_PERMISSIONS = {
    "grid_worker": [ADMIN_ACCESS, ("identity", "view_user"), ("identity", "verify_resident")],
    "grid_head": [ADMIN_ACCESS, ("identity", "view_user"), ("identity", "verify_resident")],
    "cadre": [ADMIN_ACCESS, ("identity", "view_user"), ("identity", "verify_resident"),
              ("identity", "view_household"), ("identity", "change_household"),
              ("identity", "add_household")],
    "town_operator": [ADMIN_ACCESS, ("identity", "view_user"), ("identity", "verify_resident")],
    "mediator": [ADMIN_ACCESS],
    "judge": [ADMIN_ACCESS],
    "counselor": [ADMIN_ACCESS],
    "editor": [ADMIN_ACCESS],
    "administrator": [ADMIN_ACCESS, ("plugins", "change_pluginstate"),
                      ("identity", "add_badge"), ("identity", "change_badge"),
                      ("identity", "delete_badge"), ("identity", "view_badge")],
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for code, name in GROUP_NAMES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in ROLE_PERMISSIONS.get(code, []):
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("identity", "0002_user_permissions"),
        ("plugins", "0001_initial"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
