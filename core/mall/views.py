"""Resident pages of the 积分商城 under /mall/ (namespace "mall"), mobile first.

Each page costs a fixed handful of queries however many items or orders there
are (the catalogue's test asserts it): items are paginated and fetched with
their region and image renditions in one go.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.points.errors import PointsError
from core.points.services import balance_of

from .forms import RedeemForm
from .models import ItemCategory, OrderStatus
from .qr import qr_svg
from .queries import benefits_for, catalogue, credit_rating, my_orders, visible_item
from .services import cancel, redeem, redeem_blocker

PER_PAGE = 20


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    category = request.GET.get("category", "")
    if category not in ItemCategory.values:
        category = ""
    page_obj = Paginator(catalogue(request.user, category), PER_PAGE).get_page(
        request.GET.get("page"))
    balance, _credit = balance_of(request.user)
    return render(request, "mall/catalogue.html", {
        "tab": "me",
        "page_obj": page_obj,
        "categories": ItemCategory.choices,
        "category": category,
        "query_string": urlencode({"category": category}) if category else "",
        "balance": balance,
        "has_region": request.user.home_grid_id is not None,
    })


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = visible_item(user, pk)
    if item is None:
        raise Http404
    form = RedeemForm(request.POST or None, user=user)
    blocker = redeem_blocker(user)
    if request.method == "POST" and not blocker and form.is_valid():
        try:
            order = redeem(user, item, form.cleaned_data["quantity"],
                           recipient=form.cleaned_data["recipient"])
        except PointsError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("兑换成功！请凭核销码到兑换点领取。"))
            return redirect("mall:order", pk=order.pk)
    balance, _credit = balance_of(user)
    return render(request, "mall/item.html", {
        "tab": "me", "item": item, "form": form, "blocker": blocker, "balance": balance,
    }, status=400 if form.errors else 200)


@login_required
def order_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    orders = my_orders(request.user)
    if status in OrderStatus.values:
        orders = orders.filter(status=status)
    else:
        status = ""
    page_obj = Paginator(orders, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "mall/orders.html", {
        "tab": "me",
        "page_obj": page_obj,
        "statuses": OrderStatus.choices,
        "status": status,
        "query_string": urlencode({"status": status}) if status else "",
    })


def _own_order(request: HttpRequest, pk: int):
    """An order the user paid for or received; anyone else's answers 404."""
    return get_object_or_404(my_orders(request.user).select_related("item__grid", "grid"), pk=pk)


@login_required
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = _own_order(request, pk)
    show_code = order.is_open and not order.is_overdue
    return render(request, "mall/order.html", {
        "tab": "me",
        "order": order,
        "show_code": show_code,
        "qr": qr_svg(order.code, title=_("核销码 %(code)s") % {"code": order.code})
        if show_code else "",
        "can_cancel": order.is_open and order.resident_id == request.user.pk,
        "is_gift_for_me": order.recipient_id == request.user.pk,
    })


@login_required
@require_POST
def order_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    order = _own_order(request, pk)
    if order.resident_id != request.user.pk:
        raise Http404  # a recipient sees the gift but cannot cancel what they did not pay for
    try:
        cancel(order, request.user)
    except PointsError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("订单已取消，%(points)s 积分已退还。") % {"points": order.points})
    return redirect("mall:order", pk=order.pk)


@login_required
def credit(request: HttpRequest) -> HttpResponse:
    balance, credit_total = balance_of(request.user)
    rating = credit_rating(credit_total)
    benefits = list(benefits_for(request.user))
    for benefit in benefits:
        benefit.reached = credit_total >= benefit.threshold
        benefit.missing = max(benefit.threshold - credit_total, 0)
    return render(request, "mall/credit.html", {
        "tab": "me",
        "rating": rating,
        "balance": balance,
        "benefits": benefits,
        "reached": sum(1 for benefit in benefits if benefit.reached),
    })
