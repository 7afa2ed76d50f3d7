"""Audit-log actions of the points ledger."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .services import ACTION_ADJUSTED


@hooks.register("register_log_actions")
def register_points_actions(actions) -> None:
    actions.register_action(ACTION_ADJUSTED, _("积分人工调整"), _("积分人工调整"))
