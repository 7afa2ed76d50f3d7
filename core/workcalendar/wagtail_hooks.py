"""Core app integration (core apps may use wagtail_hooks.py; plugins may not)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin_views import ACTION_COPIED, homepage_panel, year_viewset


@hooks.register("register_admin_viewset")
def register_workcalendar_admin():
    return year_viewset


@hooks.register("construct_homepage_panels")
def add_missing_years_panel(request, panels) -> None:
    panel = homepage_panel(request)
    if panel is not None:
        panels.append(panel)


@hooks.register("register_log_actions")
def register_workcalendar_actions(actions) -> None:
    actions.register_action(ACTION_COPIED, _("从内置日历复制节假日"), _("已从内置日历复制节假日"))
