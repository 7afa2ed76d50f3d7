"""Mall API views: the same services and forms as the web pages, so the same
Chinese messages. Errors answer ``{"detail": "…", "errors": {field: […]}}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.identity.permissions import ConsentGiven
from core.points.errors import PointsError
from core.points.services import balance_of

from ..errors import OrderClosed, OrderNotFound
from ..forms import RedeemForm
from ..models import ItemCategory
from ..queries import benefits_for, catalogue, credit_rating, my_orders, visible_item
from ..services import VERIFY_PERMISSION, cancel, find_open_order, redeem, verify
from .serializers import (
    MallCreditSerializer,
    MallErrorSerializer,
    MallItemSerializer,
    MallOrderSerializer,
    MallRedeemRequestSerializer,
    MallStaffOrderSerializer,
    MallVerifyRequestSerializer,
)

TAGS = ["积分商城"]
STAFF_TAGS = ["积分商城核销"]


def refusal(error: ValidationError | str, code: int | None = None) -> Response:
    """A refused operation in the shared error shape; a code-not-found is a 404 and
    an order already closed a 409, so clients can tell them from bad input."""
    messages = [error] if isinstance(error, str) else [str(m) for m in error.messages]
    if code is None:
        code = (status.HTTP_404_NOT_FOUND if isinstance(error, OrderNotFound)
                else status.HTTP_409_CONFLICT if isinstance(error, OrderClosed)
                else status.HTTP_400_BAD_REQUEST)
    return Response({"detail": messages[0], "errors": {"__all__": messages}}, status=code)


def form_errors(form: Any) -> Response:
    errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
    first = next(iter(errors.values()), [_("提交的信息有误。")])[0]
    return Response({"detail": first, "errors": errors}, status=status.HTTP_400_BAD_REQUEST)


class CanVerify(BasePermission):
    message = _("您没有核销权限。")

    def has_permission(self, request: Any, view: Any) -> bool:
        return bool(request.user and request.user.has_perm(VERIFY_PERMISSION))


class MallPagination(PageNumberPagination):
    page_size = 20


class ItemListView(generics.ListAPIView):
    serializer_class = MallItemSerializer
    pagination_class = MallPagination

    def get_queryset(self):
        return catalogue(self.request.user, self.request.query_params.get("category"))

    @extend_schema(
        tags=TAGS, summary="积分商城商品（本人所在区域及全站投放，分页）",
        parameters=[OpenApiParameter("category", OpenApiTypes.STR, enum=ItemCategory.values,
                                     description="商品类别；不填为全部")],
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


class ItemDetailView(APIView):
    @extend_schema(tags=TAGS, summary="商品详情",
                   responses={200: MallItemSerializer, 404: MallErrorSerializer})
    def get(self, request: Request, pk: int) -> Response:
        item = visible_item(request.user, pk)
        if item is None:
            raise Http404
        return Response(MallItemSerializer(item).data)


class RedeemView(APIView):
    @extend_schema(
        tags=TAGS, summary="兑换商品（可赠予他人；余额、库存、限兑、有效期不符时不扣分）",
        request=MallRedeemRequestSerializer,
        responses={201: MallOrderSerializer, 400: MallErrorSerializer, 404: MallErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        item = visible_item(request.user, pk)
        if item is None:
            raise Http404
        data = {"quantity": 1, **{key: request.data.get(key) for key in
                                  ("quantity", "recipient_mobile", "recipient_name")
                                  if request.data.get(key) is not None}}
        form = RedeemForm(data, user=request.user)
        if not form.is_valid():
            return form_errors(form)
        try:
            order = redeem(request.user, item, form.cleaned_data["quantity"],
                           recipient=form.cleaned_data["recipient"])
        except PointsError as error:
            return refusal(error)
        context = {"viewer": request.user, "with_qr": True}
        return Response(MallOrderSerializer(order, context=context).data,
                        status=status.HTTP_201_CREATED)


class OrderListView(generics.ListAPIView):
    serializer_class = MallOrderSerializer
    pagination_class = MallPagination

    def get_queryset(self):
        return my_orders(self.request.user).select_related("item__grid", "item__image")

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "viewer": self.request.user}

    @extend_schema(tags=TAGS, summary="我的兑换订单（含他人赠予我的，分页）")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


def _own_order(request: Request, pk: int):
    return get_object_or_404(my_orders(request.user).select_related("item__grid"), pk=pk)


class OrderDetailView(APIView):
    @extend_schema(tags=TAGS, summary="订单详情（待核销时含核销码和二维码）",
                   responses={200: MallOrderSerializer, 404: MallErrorSerializer})
    def get(self, request: Request, pk: int) -> Response:
        order = _own_order(request, pk)
        context = {"viewer": request.user, "with_qr": True}
        return Response(MallOrderSerializer(order, context=context).data)


class CancelView(APIView):
    @extend_schema(
        tags=TAGS, summary="取消未核销的订单（积分以新流水退还，库存恢复）", request=None,
        responses={200: MallOrderSerializer, 404: MallErrorSerializer,
                   409: MallErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        order = _own_order(request, pk)
        if order.resident_id != request.user.pk:
            raise Http404  # the recipient of a gift cannot cancel it
        try:
            order = cancel(order, request.user)
        except PointsError as error:
            return refusal(error)
        return Response(MallOrderSerializer(order, context={"viewer": request.user}).data)


class CreditView(APIView):
    @extend_schema(tags=TAGS, summary="信用星级与信用权益（按累计积分）",
                   responses={200: MallCreditSerializer})
    def get(self, request: Request) -> Response:
        balance, credit = balance_of(request.user)
        rating = credit_rating(credit)
        benefits = list(benefits_for(request.user))
        for benefit in benefits:
            benefit.reached = credit >= benefit.threshold
            benefit.missing = max(benefit.threshold - credit, 0)
        return Response(MallCreditSerializer({
            "credit": credit, "balance": balance, "stars": rating.stars,
            "max_stars": rating.max_stars, "rating": rating.label,
            "thresholds": list(rating.thresholds), "next_threshold": rating.next_threshold,
            "benefits": benefits,
        }).data)


class VerifyView(APIView):
    permission_classes = [IsAuthenticated, ConsentGiven, CanVerify]

    @extend_schema(
        tags=STAFF_TAGS, summary="按核销码查询待核销订单（仅本人负责区域）",
        parameters=[OpenApiParameter("code", OpenApiTypes.STR, required=True,
                                     description="8 位核销码")],
        responses={200: MallStaffOrderSerializer, 400: MallErrorSerializer,
                   404: MallErrorSerializer, 409: MallErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        try:
            order = find_open_order(request.query_params.get("code", ""), request.user)
        except PointsError as error:
            return refusal(error)
        return Response(MallStaffOrderSerializer(order).data)

    @extend_schema(
        tags=STAFF_TAGS, summary="核销订单（同一核销码只能核销一次）",
        request=MallVerifyRequestSerializer,
        responses={200: MallStaffOrderSerializer, 400: MallErrorSerializer,
                   404: MallErrorSerializer, 409: MallErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        try:
            order = verify(str(request.data.get("code", "") or ""), request.user)
        except PointsError as error:
            return refusal(error)
        return Response(MallStaffOrderSerializer(order).data)
