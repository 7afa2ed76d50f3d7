"""积分商城 in the Wagtail admin: 商品管理, 信用权益, 兑换订单, 核销.

Items and benefits are administered per region through GridScopedViewSetMixin:
a town operator sees, edits and offers items only within the town; site-wide
rows (no region) are for superusers. Each menu item shows by permission.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from core.grids.scoping import GridScopedViewSetMixin

from .admin_views import order_viewset, verify_viewset
from .forms import RegionRequiredForm
from .models import CreditBenefit, MallItem
from .services import ACTION_CANCELLED, ACTION_VERIFIED


class RegionIndexView(IndexView):
    def get_base_queryset(self):
        # The region column reads each row's grid: one join, not one query a row.
        return super().get_base_queryset().select_related("grid")


def _region(obj) -> str:
    return obj.region_label


class MallItemViewSet(GridScopedViewSetMixin, ModelViewSet):
    model = MallItem
    grid_field = "grid"
    icon = "tag"
    menu_label = _("商品管理")
    copy_view_enabled = True  # a new season's ticket is last season's with new dates
    inspect_view_enabled = False
    index_view_class = RegionIndexView
    list_filter = ["category", "active"]
    search_fields = ["name", "description", "location"]
    search_backend_name = None  # plain icontains: items are not in the search index
    ordering = ["sort_order", "price", "pk"]
    list_per_page = 50
    list_display = [
        "name",
        Column("category", label=_("类别"), accessor="get_category_display"),
        Column("price", label=_("所需积分"), sort_key="price"),
        Column("stock", label=_("库存"), sort_key="stock"),
        Column("per_person_limit", label=_("每人限兑")),
        Column("valid_until", label=_("截止时间")),
        Column("region", label=_("投放区域"), accessor=_region),
        BooleanColumn("active", label=_("上架")),
    ]
    edit_handler = ObjectList([
        FieldRowPanel([FieldPanel("category"), FieldPanel("grid")]),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("image"),
        FieldRowPanel([FieldPanel("price"), FieldPanel("stock"), FieldPanel("per_person_limit")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldPanel("location"),
        FieldRowPanel([FieldPanel("active"), FieldPanel("sort_order")]),
    ], base_form_class=RegionRequiredForm)


class CreditBenefitViewSet(GridScopedViewSetMixin, ModelViewSet):
    model = CreditBenefit
    grid_field = "grid"
    icon = "trophy"
    menu_label = _("信用权益")
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = RegionIndexView
    list_filter = ["kind", "active"]
    search_fields = ["name", "description", "provider"]
    search_backend_name = None
    ordering = ["threshold", "sort_order", "pk"]
    list_display = [
        "name",
        Column("kind", label=_("类别"), accessor="get_kind_display"),
        Column("threshold", label=_("累计积分门槛"), sort_key="threshold"),
        Column("provider", label=_("提供单位")),
        Column("region", label=_("适用区域"), accessor=_region),
        BooleanColumn("active", label=_("启用")),
    ]
    edit_handler = ObjectList([
        FieldRowPanel([FieldPanel("kind"), FieldPanel("grid")]),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("threshold"), FieldPanel("provider")]),
        FieldRowPanel([FieldPanel("active"), FieldPanel("sort_order")]),
    ], base_form_class=RegionRequiredForm)


item_viewset = MallItemViewSet("mall_items", url_prefix="mall/items")
benefit_viewset = CreditBenefitViewSet("mall_benefits", url_prefix="mall/benefits")


class MallAdminGroup(ViewSetGroup):
    """积分商城 > 商品管理, 信用权益, 兑换订单, 核销 (each shown by permission)."""

    menu_label = _("积分商城")
    menu_icon = "tag"
    menu_order = 245
    items = (item_viewset, benefit_viewset, order_viewset, verify_viewset)


@hooks.register("register_admin_viewset")
def register_mall_admin():
    return MallAdminGroup()


@hooks.register("register_log_actions")
def register_mall_actions(actions) -> None:
    actions.register_action(ACTION_VERIFIED, _("核销兑换订单"), _("兑换订单已核销"))
    actions.register_action(ACTION_CANCELLED, _("取消兑换订单"), _("兑换订单已取消"))
