"""Staff pages of the 积分商城: the order listing and 核销 (verify an order by its code).

Both see only orders whose 核销区域 lies in the staff member's subtree; a code of
another region answers exactly as a wrong code does. The decision goes through
``services.verify``, which re-checks the scope and verifies a code once only.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from core.points.errors import PointsError
from core.points.masking import mask_name

from .forms import VerifyCodeForm
from .models import ItemCategory, Order, OrderStatus
from .queries import staff_orders
from .services import VERIFY_PERMISSION, find_open_order, verify


class VerifierRequiredMixin:
    """403 unless the user may verify orders (the scope then limits the rows)."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(VERIFY_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class VerifierMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(VERIFY_PERMISSION)


def shown_code(order: Order) -> str:
    """Open codes are the resident's proof of presence: staff see only the last digits."""
    return f"····{order.code[-4:]}" if order.is_open else order.code


def person(user) -> str:
    return f"{user.name}（{user.masked_mobile}）" if user is not None else ""


class OrderFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label=gettext_lazy("状态"), choices=OrderStatus.choices,
                          empty_label=gettext_lazy("全部"))
    item__category = ChoiceFilter(label=gettext_lazy("类别"), choices=ItemCategory.choices,
                                  empty_label=gettext_lazy("全部"))

    class Meta:
        model = Order
        fields = ["status", "item__category"]


class OrderListView(VerifierRequiredMixin, BaseListingView):
    page_title = gettext_lazy("兑换订单")
    header_icon = "list-ul"
    paginate_by = 50
    index_url_name = "mall_orders:index"
    index_results_url_name = "mall_orders:index_results"
    filterset_class = OrderFilterSet
    is_searchable = True
    search_fields = ["item__name", "resident__name", "resident__mobile"]
    search_backend_name = None  # plain icontains: orders are not in the search index
    default_ordering = "-created_at"

    @cached_property
    def columns(self) -> list:
        return [
            Column("number", label=gettext_lazy("兑换单号")),
            Column("code", label=gettext_lazy("核销码"), accessor=shown_code),
            Column("item", label=gettext_lazy("商品")),
            Column("quantity", label=gettext_lazy("数量")),
            Column("points", label=gettext_lazy("积分"), sort_key="points"),
            Column("resident", label=gettext_lazy("兑换人"),
                   accessor=lambda order: person(order.resident)),
            Column("recipient", label=gettext_lazy("受赠人"),
                   accessor=lambda order: person(order.recipient)),
            Column("grid", label=gettext_lazy("核销区域")),
            Column("status", label=gettext_lazy("状态"), accessor="display_status"),
            DateColumn("created_at", label=gettext_lazy("兑换时间"), sort_key="created_at"),
            Column("verified_by", label=gettext_lazy("核销人"),
                   accessor=lambda order: order.verified_by.name if order.verified_by else ""),
        ]

    def get_base_queryset(self) -> QuerySet:
        return staff_orders(self.request.user)

    @property
    def no_results_message(self) -> str:
        return _("暂无兑换订单。")


class VerifyView(VerifierRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Enter (or scan) a code → see the order → confirm. Two steps, so a mistyped
    code that happens to exist is checked against the resident before it is used."""

    template_name = "mall/admin/verify.html"
    page_title = gettext_lazy("核销")
    header_icon = "tick"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        code = request.GET.get("code", "")
        form = VerifyCodeForm({"code": code} if code else None)
        order = None
        if code and form.is_valid():
            try:
                order = find_open_order(form.cleaned_data["code"], request.user)
            except PointsError as error:
                form.add_error("code", error)
        return self.render_to_response(self.get_context_data(form=form, order=order))

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        form = VerifyCodeForm(request.POST)
        if form.is_valid():
            try:
                order = verify(form.cleaned_data["code"], request.user)
            except PointsError as error:
                form.add_error("code", error)
            else:
                messages.success(request, _("已核销：%(item)s × %(n)s（%(name)s）。") % {
                    "item": order.item.name, "n": order.quantity,
                    "name": mask_name((order.recipient or order.resident).name)})
                return redirect(reverse("mall_verify:index"))
        return self.render_to_response(self.get_context_data(form=form, order=None))

    def get_breadcrumbs_items(self) -> list:
        return [*self.breadcrumbs_items, {"url": "", "label": _("核销")}]

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["recent"] = list(
            staff_orders(self.request.user).filter(
                status=OrderStatus.VERIFIED, verified_by=self.request.user
            ).order_by("-verified_at")[:10]
        )
        return context


class OrderViewSet(ViewSet):
    name = "mall_orders"
    url_prefix = "mall/orders"
    icon = "list-ul"
    menu_label = gettext_lazy("兑换订单")
    menu_item_class = VerifierMenuItem

    def get_urlpatterns(self) -> list:
        return [
            path("", OrderListView.as_view(), name="index"),
            path("results/", OrderListView.as_view(results_only=True), name="index_results"),
        ]


class VerifyViewSet(ViewSet):
    name = "mall_verify"
    url_prefix = "mall/verify"
    icon = "tick"
    menu_label = gettext_lazy("核销")
    menu_item_class = VerifierMenuItem

    def get_urlpatterns(self) -> list:
        return [path("", VerifyView.as_view(), name="index")]


order_viewset = OrderViewSet()
verify_viewset = VerifyViewSet()
