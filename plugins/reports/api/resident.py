"""The resident's half of the reports API: categories, submit, my reports, rate.

Submission goes through the same ``ReportForm`` as the page, so the checks and
their Chinese messages are identical; errors come back as
``{"detail": "…", "errors": {"field": ["…"]}}`` with status 400 and nothing saved.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import workflow
from ..forms import RatingForm, ReportForm
from ..models import Report
from ..views import (
    FILTERS,
    active_categories,
    can_rate,
    filtered,
    my_reports,
    rated_message,
    submit_from_form,
)
from .serializers import (
    ReportsCategorySerializer,
    ReportsErrorSerializer,
    ReportsMessageSerializer,
    ReportsMineListSerializer,
    ReportsMineSerializer,
    ReportsRateRequestSerializer,
    ReportsSubmitRequestSerializer,
)

TAGS = ["一键报事"]


def form_errors(form) -> Response:
    """A refused form as JSON: the first message as ``detail``, every field's messages."""
    errors = {field or "non_field_errors": [str(m) for m in messages]
              for field, messages in form.errors.items()}
    first = next(iter(errors.values()))[0]
    return Response({"detail": first, "errors": errors}, status=status.HTTP_400_BAD_REQUEST)


def refused(error: ValidationError) -> Response:
    return Response({"detail": error.messages[0]}, status=status.HTTP_400_BAD_REQUEST)


def with_timeline(reports):
    return reports.select_related("category", "grid").prefetch_related("photos")


class ReportsCategoryListAPIView(generics.ListAPIView):
    """启用中的报事类别（提交时用 code）。"""

    serializer_class = ReportsCategorySerializer
    pagination_class = None

    @extend_schema(tags=TAGS, operation_id="reports_categories", summary="报事类别")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return active_categories()


class ReportsMineListCreateAPIView(generics.ListAPIView):
    serializer_class = ReportsMineListSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(tags=TAGS, operation_id="reports_mine_list", summary="我的报事",
                   parameters=[OpenApiParameter(
                       "show", OpenApiTypes.STR, enum=[key for key, _label in FILTERS],
                       description="all 全部（默认）/ open 办理中 / to_rate 待评价 / done 已办结")])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return filtered(my_reports(self.request.user), self.request.query_params.get("show", "all"))

    @extend_schema(tags=TAGS, operation_id="reports_submit", summary="一键报事",
                   request={"multipart/form-data": ReportsSubmitRequestSerializer,
                            "application/json": ReportsSubmitRequestSerializer},
                   responses={201: ReportsMineSerializer, 400: ReportsErrorSerializer})
    def post(self, request: Request) -> Response:
        form = ReportForm(request.data, request.FILES, categories=active_categories())
        report = submit_from_form(form, request.user) if form.is_valid() else None
        if report is None:
            return form_errors(form)
        report = with_timeline(Report.objects).get(pk=report.pk)
        return Response(ReportsMineSerializer(report, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)


class ReportsMineDetailAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="reports_mine_detail", summary="我的报事详情（含办理进度）",
                   responses=ReportsMineSerializer)
    def get(self, request: Request, pk: int) -> Response:
        report = get_object_or_404(with_timeline(my_reports(request.user)), pk=pk)
        return Response(ReportsMineSerializer(report, context={"request": request}).data)


class ReportsRateAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="reports_rate", summary="评价办理结果",
                   description="满意、基本满意：销号；不满意（须填写原因）：退回上一办理环节。",
                   request=ReportsRateRequestSerializer,
                   responses={200: ReportsMineSerializer, 400: ReportsErrorSerializer})
    def post(self, request: Request, pk: int) -> Response:
        report = get_object_or_404(my_reports(request.user), pk=pk)
        if not can_rate(report):
            return Response({"detail": _("该事项当前不能评价。")}, status=status.HTTP_400_BAD_REQUEST)
        form = RatingForm(request.data)
        if not form.is_valid():
            return form_errors(form)
        try:
            workflow.rate(report, request.user, form.cleaned_data["rating"],
                          form.cleaned_data["comment"].strip())
        except ValidationError as error:
            return refused(error)
        report = with_timeline(Report.objects).get(pk=report.pk)
        data = ReportsMineSerializer(report, context={"request": request}).data
        return Response({**data, "detail": rated_message(form.cleaned_data["rating"])})


__all__ = ["ReportsCategoryListAPIView", "ReportsMessageSerializer", "ReportsMineDetailAPIView",
           "ReportsMineListCreateAPIView", "ReportsRateAPIView", "form_errors", "refused"]
