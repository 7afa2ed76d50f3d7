"""Wagtail's users app with Jiayuan's user admin.

Listed in INSTALLED_APPS instead of ``wagtail.users`` (Wagtail docs, "custom user
models": ``WagtailUsersAppConfig.user_viewset``). Kept out of ``apps.py`` so that
Django still picks ``IdentityConfig`` as the identity app's default config.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class JiayuanUsersConfig(WagtailUsersAppConfig):
    user_viewset = "core.identity.admin_users.UserViewSet"
