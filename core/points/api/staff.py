"""Staff points API: the claims queue of the staff member's subtree, decisions, adjustments.

The same services and forms as the admin pages: the scope check, the row lock and
the Chinese messages are theirs. Another grid's claim answers 404.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.identity.permissions import ConsentGiven

from ..admin_views.adjust import AdjustmentForm
from ..admin_views.common import ADJUST_PERMISSION, REVIEW_PERMISSION
from ..availability import site_for
from ..claims import ClaimAlreadyDecided, approve_claim, reject_claim, reviewable_claims
from ..errors import PointsError
from ..models import ClaimStatus, PointClaim
from ..rules import rule_labels
from ..services import adjust
from .common import (
    STAFF_TAGS,
    LabelsContextMixin,
    PointsPagination,
    form_errors,
    has_perm,
    refusal,
)
from .serializers import (
    PointsAdjustRequestSerializer,
    PointsDecisionSerializer,
    PointsEntrySerializer,
    PointsErrorSerializer,
    PointsStaffClaimSerializer,
)

REVIEWERS = [IsAuthenticated, ConsentGiven, has_perm(REVIEW_PERMISSION)]


class StaffClaimsView(LabelsContextMixin, generics.ListAPIView):
    serializer_class = PointsStaffClaimSerializer
    pagination_class = PointsPagination
    permission_classes = REVIEWERS

    def get_queryset(self):
        status_filter = self.request.query_params.get("status", ClaimStatus.PENDING)
        queryset = reviewable_claims(self.request.user).prefetch_related("photos")
        if status_filter in ClaimStatus.values:
            queryset = queryset.filter(status=status_filter)
        return queryset.order_by("created_at", "pk")

    @extend_schema(
        tags=STAFF_TAGS, summary="申领审核队列（本人负责区域，默认待审核）",
        parameters=[OpenApiParameter("status", OpenApiTypes.STR, enum=["", *ClaimStatus.values],
                                     description="pending/approved/rejected；空为全部")],
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


class DecisionView(APIView):
    permission_classes = REVIEWERS
    approve = True

    def post(self, request: Request, pk: int) -> Response:
        get_object_or_404(reviewable_claims(request.user), pk=pk)  # 404 outside the scope
        reason = str(request.data.get("reason", "") or "")
        try:
            if self.approve:
                claim = approve_claim(pk, request.user, reason=reason, site=site_for(request))
            else:
                claim = reject_claim(pk, request.user, reason=reason)
        except PointClaim.DoesNotExist:  # moved out of scope between the two look-ups
            return refusal(_("申领不存在或不在您的负责区域内。"), status.HTTP_404_NOT_FOUND)
        except ClaimAlreadyDecided as error:
            return refusal(error, status.HTTP_409_CONFLICT)
        except PointsError as error:
            return refusal(error)
        claim = reviewable_claims(request.user).prefetch_related("photos").get(pk=claim.pk)
        data = PointsStaffClaimSerializer(claim, context={"labels": rule_labels()}).data
        return Response(data)


class ApproveView(DecisionView):
    approve = True

    @extend_schema(
        tags=STAFF_TAGS, summary="通过申领并计分（同一申领只计一次）",
        request=PointsDecisionSerializer,
        responses={200: PointsStaffClaimSerializer, 400: PointsErrorSerializer,
                   404: PointsErrorSerializer, 409: PointsErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)


class RejectView(DecisionView):
    approve = False

    @extend_schema(
        tags=STAFF_TAGS, summary="驳回申领（必须填写理由）", request=PointsDecisionSerializer,
        responses={200: PointsStaffClaimSerializer, 400: PointsErrorSerializer,
                   404: PointsErrorSerializer, 409: PointsErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)


class AdjustView(APIView):
    permission_classes = [IsAuthenticated, ConsentGiven, has_perm(ADJUST_PERMISSION)]

    @extend_schema(
        tags=STAFF_TAGS, summary="人工调整居民积分（须填写事由，记入操作日志）",
        request=PointsAdjustRequestSerializer,
        responses={201: PointsEntrySerializer, 400: PointsErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        form = AdjustmentForm(request.data, user=request.user)
        if not form.is_valid():
            return form_errors(form)
        try:
            entry = adjust(form.cleaned_data["resident"], form.cleaned_data["amount"],
                           reason=form.cleaned_data["reason"], actor=request.user)
        except PointsError as error:
            return refusal(error)
        data = PointsEntrySerializer(entry, context={"labels": rule_labels()}).data
        return Response(data, status=status.HTTP_201_CREATED)
