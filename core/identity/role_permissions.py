"""Grant the role groups an app's permissions from a data migration.

Every app that gives roles permissions (grids, points, mall, plugins …) calls
:func:`grant_role_permissions` from one ``RunPython`` migration, so the subtle
part — creating the app's permissions before the post-migrate signal would — is
written once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any


def grant_role_permissions(
    app_label: str, role_permissions: Mapping[str, Sequence[str]]
) -> Callable[[Any, Any], None]:
    """A RunPython function adding ``app_label``'s codenames to each named group."""

    def grant(apps, schema_editor) -> None:
        from django.contrib.auth.management import create_permissions

        # Permissions are normally created after all migrations: create them now.
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        for group_name, codenames in role_permissions.items():
            group = Group.objects.filter(name=group_name).first()
            if group is not None:
                group.permissions.add(*Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=list(codenames)
                ))

    return grant
