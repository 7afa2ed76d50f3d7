"""The handlers' half of the reports API: queue, case file, transition, file on behalf, figures.

Every query starts from ``services.visible_to_staff`` / ``grids_in_scope``, both
built on ``core.grids.scoping``: a case outside the user's subtree answers 404,
exactly like a missing one, and a resident's queue is simply empty. What a user
may do to a case is decided by ``rules``/``workflow`` — never re-decided here.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.grids.scoping import grids_in_scope

from .. import rules, services, workflow
from ..forms import ReportForm
from ..models import Category, Report, Urgency
from ..views import active_categories, submit_from_form
from .resident import form_errors, refused
from .serializers import (
    ReportsCaseListSerializer,
    ReportsCaseSerializer,
    ReportsErrorSerializer,
    ReportsFileRequestSerializer,
    ReportsMessageSerializer,
    ReportsTransitionRequestSerializer,
)

TAGS = ["一键报事（办理）"]


def case_for(request: Request, pk: int) -> Report:
    cases = services.visible_to_staff(request.user).select_related(
        "category", "grid", "handling_grid", "handling_body", "reporter", "filed_by",
    ).prefetch_related("photos", "transitions__actor")
    return get_object_or_404(cases, pk=pk)


def case_data(request: Request, report: Report) -> dict:
    actions = [{"to": to, "label": str(rules.MOVE_LABELS.get(to, Report.Status(to).label))}
               for to in rules.allowed_moves(request.user, report)]
    return ReportsCaseSerializer(report, context={"request": request, "actions": actions}).data


class ReportsQueueAPIView(generics.ListAPIView):
    """负责区域内的报事：超期优先，再按红黄绿、办理期限排序。"""

    serializer_class = ReportsCaseListSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(tags=TAGS, operation_id="reports_queue", summary="办理队列", parameters=[
        OpenApiParameter("status", OpenApiTypes.STR, enum=Report.Status.values,
                         description="只看某一状态"),
        OpenApiParameter("urgency", OpenApiTypes.STR, enum=Urgency.values),
        OpenApiParameter("category", OpenApiTypes.STR, description="类别编码"),
        OpenApiParameter("all", OpenApiTypes.BOOL, description="包括已办结、已销号等"),
    ])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        status_ = params.get("status", "")
        urgency = params.get("urgency", "")
        category = Category.objects.filter(code=params["category"]).first() \
            if params.get("category") else None
        if (status_ and status_ not in Report.Status.values) or (
                urgency and urgency not in Urgency.values) or (
                params.get("category") and category is None):
            raise ParseError(_("筛选条件无效。"))
        return services.queue(self.request.user, status=status_, urgency=urgency,
                              category=category, active_only=params.get("all") not in ("1", "true"),
                              ).select_related("reporter")

    @extend_schema(tags=TAGS, operation_id="reports_file_on_behalf", summary="代居民报事",
                   description="网格员为来访居民代为报事；报事人须为本辖区已注册居民，报办分离，代报人不能办理。",
                   request={"multipart/form-data": ReportsFileRequestSerializer,
                            "application/json": ReportsFileRequestSerializer},
                   responses={201: ReportsCaseSerializer, 400: ReportsErrorSerializer})
    def post(self, request: Request) -> Response:
        if not request.user.has_role(*rules.GRID_TEAM, "administrator"):
            return Response({"detail": _("只有网格工作人员可以代居民报事。")},
                            status=status.HTTP_403_FORBIDDEN)
        mobile = str(request.data.get("reporter_mobile", "")).strip()
        # Exact number only: a name or part of a number could pick the wrong resident.
        reporter = next((user for user in services.residents_for(request.user, mobile)
                         if user.mobile == mobile), None)
        if reporter is None:
            message = _("未找到该手机号对应的本辖区居民，请核对或先为居民注册。")
            return Response({"detail": message, "errors": {"reporter_mobile": [message]}},
                            status=status.HTTP_400_BAD_REQUEST)
        form = ReportForm(request.data, request.FILES, categories=active_categories())
        report = submit_from_form(form, reporter, filed_by=request.user) if form.is_valid() else None
        if report is None:
            return form_errors(form)
        return Response(case_data(request, case_for(request, report.pk)),
                        status=status.HTTP_201_CREATED)


class ReportsCaseAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="reports_case", summary="案件详情（含报事人联系方式、可执行操作）",
                   responses=ReportsCaseSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(case_data(request, case_for(request, pk)))


class ReportsTransitionAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="reports_transition", summary="流转（受理、办结、上交等）",
                   request=ReportsTransitionRequestSerializer,
                   parameters=[],
                   responses={200: ReportsCaseSerializer, 400: ReportsMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        report = case_for(request, pk)
        payload = ReportsTransitionRequestSerializer(data=request.data)
        if not payload.is_valid():
            return Response({"detail": _("请选择有效的目标状态。"), "errors": payload.errors},
                            status=status.HTTP_400_BAD_REQUEST)
        data = payload.validated_data
        target = None
        if data.get("merged_into"):
            target = services.visible_to_staff(request.user).filter(code=data["merged_into"]).first()
            if target is None:
                return Response({"detail": _("未找到要合并到的报事编码。")},
                                status=status.HTTP_400_BAD_REQUEST)
        try:
            workflow.transition(report, data["to"], actor=request.user, note=data.get("note", ""),
                                resolution=data.get("resolution", ""), merged_into=target)
        except ValidationError as error:
            return refused(error)
        return Response(case_data(request, case_for(request, pk)))


class ReportsFiguresRowSerializer(serializers.Serializer):
    grid_code = serializers.CharField(source="grid.code")
    grid = serializers.CharField(source="grid.name")
    filed = serializers.IntegerField(help_text="报事总数")
    cases = serializers.IntegerField(help_text="有效案件（不含不予受理、合并）")
    concluded = serializers.IntegerField(help_text="已办结（含销号）")
    overdue = serializers.IntegerField()
    closure_rate = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True,
                                            help_text="办结率 %")
    satisfaction_rate = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True,
                                                 help_text="好评率 %（满意+基本满意）")
    pre_litigation_rate = serializers.DecimalField(max_digits=5, decimal_places=2,
                                                   allow_null=True, help_text="诉前化解率 %")


class ReportsFiguresSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    rows = ReportsFiguresRowSerializer(many=True, help_text="所选区域合计在前，其后为各直属下级")


class ReportsFiguresAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="reports_figures", summary="办结率、好评率、诉前化解率",
                   parameters=[
                       OpenApiParameter("grid", OpenApiTypes.STR, description="区域编码，默认为本人负责区域"),
                       OpenApiParameter("start", OpenApiTypes.DATE, description="默认为今年1月1日"),
                       OpenApiParameter("end", OpenApiTypes.DATE, description="默认为今天"),
                   ],
                   responses={200: ReportsFiguresSerializer, 400: ReportsMessageSerializer})
    def get(self, request: Request) -> Response:
        today = timezone.localdate()
        start = parse_date(request.query_params.get("start", "") or "") or date(today.year, 1, 1)
        end = parse_date(request.query_params.get("end", "") or "") or today
        if start > end:
            return Response({"detail": _("开始日期不能晚于结束日期。")}, status=status.HTTP_400_BAD_REQUEST)
        scope = grids_in_scope(request.user)
        code = request.query_params.get("grid")
        grid = (scope.filter(code=code).first() if code
                else scope.filter(pk=getattr(request.user, "scope_grid_id", None)).first()
                or scope.order_by("depth").first())
        if code and grid is None:
            return Response({"detail": _("该区域不在您的负责范围内。")}, status=status.HTTP_404_NOT_FOUND)
        rows = []
        if grid is not None:  # residents have no scope: nothing to count
            rows = [services.figures(node, start, end)
                    for node in [grid, *grid.get_children().order_by("path")]]
        return Response(ReportsFiguresSerializer({"start": start, "end": end, "rows": rows}).data)
