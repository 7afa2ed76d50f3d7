"""The resident's points API: balances, history, rules, claims and rankings."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..availability import rules_for_resident, site_for
from ..claims import claim_blocker, submit_claim
from ..errors import PointsError
from ..forms import ClaimForm
from ..models import PointClaim
from ..queries import history, summary
from ..rankings import Board, NoRegion, Period, parse_at, ranking
from ..rules import rule_labels
from .common import TAGS, LabelsContextMixin, PointsPagination, form_errors, refusal
from .serializers import (
    PointsClaimCreateSerializer,
    PointsClaimSerializer,
    PointsEntrySerializer,
    PointsErrorSerializer,
    PointsRankingSerializer,
    PointsRuleSerializer,
    PointsSummarySerializer,
)


class SummaryView(APIView):
    @extend_schema(tags=TAGS, summary="我的积分：余额、累计积分与家庭合计",
                   responses={200: PointsSummarySerializer})
    def get(self, request: Request) -> Response:
        return Response(PointsSummarySerializer(summary(request.user)).data)


class HistoryView(LabelsContextMixin, generics.ListAPIView):
    serializer_class = PointsEntrySerializer
    pagination_class = PointsPagination

    def get_queryset(self):
        return history(self.request.user)

    @extend_schema(tags=TAGS, summary="我的积分明细（分页，最新在前）")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


class RulesView(APIView):
    @extend_schema(tags=TAGS, summary="如何赚积分：适用于我的积分规则",
                   responses={200: PointsRuleSerializer(many=True)})
    def get(self, request: Request) -> Response:
        rules = rules_for_resident(request.user, site_for(request))
        return Response(PointsRuleSerializer(rules, many=True).data)


class ClaimsView(LabelsContextMixin, generics.ListAPIView):
    serializer_class = PointsClaimSerializer
    pagination_class = PointsPagination
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        return PointClaim.objects.filter(resident=self.request.user).select_related(
            "entry").prefetch_related("photos")

    @extend_schema(tags=TAGS, summary="我的申领（分页）")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=TAGS, summary="提交积分申领（multipart，可附 3 张照片）",
        request={"multipart/form-data": PointsClaimCreateSerializer,
                 "application/json": PointsClaimCreateSerializer},
        responses={201: PointsClaimSerializer, 400: PointsErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        site = site_for(request)
        form = ClaimForm(request.data, request.FILES, user=request.user, site=site)
        blocker = claim_blocker(request.user)
        if blocker:
            return refusal(blocker)
        if not form.is_valid():
            return form_errors(form)
        try:
            claim = submit_claim(request.user, rule_code=form.cleaned_data["rule_code"],
                                 description=form.cleaned_data["description"],
                                 photos=form.cleaned_data["photos"], site=site)
        except PointsError as error:
            return refusal(error)
        data = PointsClaimSerializer(claim, context={"labels": rule_labels()}).data
        return Response(data, status=status.HTTP_201_CREATED)


class RankingsView(APIView):
    @extend_schema(
        tags=TAGS, summary="积分排行榜（居民姓名脱敏，范围为本人所在街道或负责区域）",
        parameters=[
            OpenApiParameter("board", OpenApiTypes.STR, enum=Board.values,
                             description="residents 居民 / households 家庭 / grids 网格 / "
                                         "villages 村（社区），默认 residents"),
            OpenApiParameter("period", OpenApiTypes.STR, enum=Period.values,
                             description="month 月榜 / year 年榜，默认 month"),
            OpenApiParameter("at", OpenApiTypes.STR,
                             description="月份 YYYY-MM 或年份 YYYY，默认当前"),
        ],
        responses={200: PointsRankingSerializer, 400: PointsErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        board = request.query_params.get("board") or Board.RESIDENTS
        period = request.query_params.get("period") or Period.MONTH
        if board not in Board.values or period not in Period.values:
            return refusal(_("榜单或周期参数不正确。"))
        at = parse_at(request.query_params.get("at"))
        at = min(at, timezone.localdate()) if at else None
        try:
            result = ranking(board, period, viewer=request.user, at=at)
        except NoRegion:
            return refusal(_("请先选择居住网格，再查看积分排行。"))
        return Response(PointsRankingSerializer(result).data)
