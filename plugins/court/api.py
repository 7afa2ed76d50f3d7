"""The 在线法院 API for the mini-program, mounted at /api/court/.

Same services as the pages, so refusals carry the same Chinese message:
``{"detail": "…"}`` with status 400. Component names start with "Court" so they
never collide with another plugin's in the shared OpenAPI schema.
"""

from __future__ import annotations

from datetime import timedelta

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.portal.services import reader_grid

from . import services
from .api_errors import first_error, refused
from .api_qa import urlpatterns as qa_urlpatterns
from .manifest import SLUG
from .models import Booking, DisputeType, JudgeProfile, Slot

TAGS = ["在线法院"]


class CourtMessageSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="给居民看的中文说明")


class CourtJudgeSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.name")
    paired_grids = serializers.SerializerMethodField(help_text="结对村（社区）名称")

    class Meta:
        model = JudgeProfile
        fields = ["id", "name", "court", "tribunal", "title", "phone", "shared_court_place",
                  "intro", "paired_grids"]

    def get_paired_grids(self, judge: JudgeProfile) -> list[str]:
        return [grid.name for grid in judge.paired_grids.all()]


class CourtSlotSerializer(serializers.ModelSerializer):
    # Plain strings, not enums: "kind"/"mode" recur across apps in the shared schema.
    kind = serializers.CharField(help_text="consultation 法律咨询 / pre_mediation 诉前调解")
    mode = serializers.CharField(help_text="online 线上视频 / shared_court 共享法庭")
    judge_name = serializers.CharField(source="judge.name")
    kind_label = serializers.CharField(source="get_kind_display")
    mode_label = serializers.CharField(source="get_mode_display")
    where = serializers.CharField(help_text="地点（共享法庭地址或线上视频）")

    class Meta:
        model = Slot
        fields = ["id", "judge", "judge_name", "starts_at", "ends_at", "kind", "kind_label",
                  "mode", "mode_label", "where", "note"]


class CourtBookingSerializer(serializers.ModelSerializer):
    slot = CourtSlotSerializer()
    status = serializers.CharField(help_text="booked 已预约 / held 已接待 / cancelled 已取消")
    dispute_type = serializers.CharField(help_text="纠纷类型代码")
    resident_name = serializers.CharField(source="resident.name")
    on_behalf = serializers.BooleanField(help_text="由网格员代为预约")
    status_label = serializers.CharField(source="get_status_display")
    dispute_type_label = serializers.CharField(source="get_dispute_type_display")
    report_code = serializers.CharField(source="report.code", default=None, allow_null=True)

    class Meta:
        model = Booking
        fields = ["id", "slot", "resident_name", "on_behalf", "dispute_type",
                  "dispute_type_label", "focus", "report_code", "status", "status_label",
                  "created_at", "cancelled_at"]


class CourtBookRequestSerializer(serializers.Serializer):
    slot = serializers.IntegerField(label=_("预约时段"), help_text="时段 id")
    # A plain string (the service checks it, in Chinese): one DisputeType enum in the schema.
    dispute_type = serializers.CharField(
        label=_("纠纷类型"), max_length=16, help_text="纠纷类型：" + "、".join(f"{v} {label}" for v, label in DisputeType.choices))
    focus = serializers.CharField(label=_("纠纷焦点"), max_length=1000, help_text="双方争议的关键问题")
    report = serializers.IntegerField(required=False, allow_null=True, help_text="关联报事 id（可选）")
    resident = serializers.IntegerField(required=False, allow_null=True,
                                        help_text="网格员代为预约时的居民 id；为本人预约不填")


class CourtJudgeListAPIView(generics.ListAPIView):
    """与我所在村（社区）结对的法官。"""

    serializer_class = CourtJudgeSerializer
    pagination_class = None

    @extend_schema(tags=TAGS, operation_id="court_judges_list", summary="我的结对法官")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return services.judges_for(reader_grid(self.request)).prefetch_related("paired_grids")


class CourtSlotListAPIView(generics.ListAPIView):
    """结对法官未来两周的可预约时段。"""

    serializer_class = CourtSlotSerializer

    @extend_schema(tags=TAGS, operation_id="court_slots_list", summary="可预约时段",
                   parameters=[OpenApiParameter("judge", OpenApiTypes.INT, description="只看某位法官")])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        slots = services.free_slots(services.judges_for(reader_grid(self.request))).filter(
            starts_at__lte=timezone.now() + timedelta(days=14))
        judge = self.request.query_params.get("judge", "")
        return slots.filter(judge_id=int(judge)) if judge.isdigit() else slots


class CourtBookingsAPIView(generics.ListAPIView):
    """我的预约（GET：本人的预约及我代居民做的预约）；预约法官（POST）。"""

    serializer_class = CourtBookingSerializer

    @extend_schema(tags=TAGS, operation_id="court_my_bookings", summary="我的预约")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(tags=TAGS, operation_id="court_book", summary="预约法官（本人或网格员代约）",
                   request=CourtBookRequestSerializer,
                   responses={201: CourtBookingSerializer, 400: CourtMessageSerializer})
    def post(self, request: Request) -> Response:
        serializer = CourtBookRequestSerializer(data=request.data)
        if not serializer.is_valid():
            return first_error(serializer)
        data = serializer.validated_data
        try:
            booking = services.book(services.BookingRequest(
                slot_id=data["slot"], dispute_type=data["dispute_type"], focus=data["focus"],
                report_id=data.get("report"), resident_id=data.get("resident")), request.user)
        except services.CourtError as exc:
            return refused(exc)
        booking = services.bookings_visible_to(request.user).get(pk=booking.pk)
        return Response(CourtBookingSerializer(booking).data, status=status.HTTP_201_CREATED)

    def get_queryset(self):
        return services.my_bookings(self.request.user)


class CourtCancelAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="court_booking_cancel", summary="取消预约",
                   request=None, responses={200: CourtBookingSerializer, 400: CourtMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        get_object_or_404(services.bookings_visible_to(request.user), pk=pk)
        try:
            services.cancel(pk, request.user, config=request.plugins.config(SLUG))
        except services.CourtError as exc:
            return refused(exc)
        booking = services.bookings_visible_to(request.user).get(pk=pk)
        return Response(CourtBookingSerializer(booking).data)


urlpatterns = [
    path("judges/", CourtJudgeListAPIView.as_view(), name="judges"),
    path("slots/", CourtSlotListAPIView.as_view(), name="slots"),
    path("bookings/", CourtBookingsAPIView.as_view(), name="bookings"),
    path("bookings/<int:pk>/cancel/", CourtCancelAPIView.as_view(), name="cancel"),
    *qa_urlpatterns,
]
