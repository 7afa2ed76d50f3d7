"""Core app integration (core apps may use wagtail_hooks.py; plugins may not)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin_views import word_viewset
from .services import ACTION_IMPORTED


@hooks.register("register_admin_viewset")
def register_moderation_admin():
    return word_viewset


@hooks.register("register_log_actions")
def register_moderation_actions(actions) -> None:
    actions.register_action(ACTION_IMPORTED, _("批量导入敏感词"), _("敏感词已批量导入"))
