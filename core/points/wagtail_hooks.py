"""积分管理 in the Wagtail admin, and the audit-log actions of the ledger."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin_views.adjust import adjust_viewset, resident_chooser_viewset
from .admin_views.claims import claims_viewset
from .admin_views.ledger import ledger_viewset
from .admin_views.rules import rules_viewset
from .claims import ACTION_CLAIM_APPROVED, ACTION_CLAIM_REJECTED
from .services import ACTION_ADJUSTED


class PointsAdminGroup(ViewSetGroup):
    """积分管理 > 申领审核, 人工调整, 积分流水, 积分规则设置 (each shown by permission)."""

    menu_label = _("积分管理")
    menu_icon = "pick"
    menu_order = 240
    items = (claims_viewset, adjust_viewset, ledger_viewset, rules_viewset)


@hooks.register("register_admin_viewset")
def register_points_admin():
    return [PointsAdminGroup(), resident_chooser_viewset]


@hooks.register("register_log_actions")
def register_points_actions(actions) -> None:
    actions.register_action(ACTION_ADJUSTED, _("积分人工调整"), _("积分人工调整"))
    actions.register_action(ACTION_CLAIM_APPROVED, _("通过积分申领"), _("积分申领已通过"))
    actions.register_action(ACTION_CLAIM_REJECTED, _("驳回积分申领"), _("积分申领已驳回"))
