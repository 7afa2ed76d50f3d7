"""The volunteering API for the mini-program, mounted at /api/volunteer/.

Same services as the pages, so refusals carry the same Chinese message:
``{"detail": "…"}`` with status 400. Component names start with "Volunteer" so
they never collide with another plugin's in the shared OpenAPI schema.
"""

from __future__ import annotations

from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.portal.services import reader_grid

from . import services
from .models import Activity, SignUp
from .views import attendance_message

TAGS = ["志愿服务"]


class VolunteerActivitySerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    grid = serializers.CharField(source="grid.name", help_text="面向区域")
    places_left = serializers.SerializerMethodField(help_text="剩余名额")
    points_label = serializers.CharField(help_text="积分规则说明，空表示不计积分")
    status_label = serializers.CharField(source="get_status_display")
    my_status = serializers.SerializerMethodField(
        help_text="我的报名状态：signed_up 已报名 / attended 已到场 / cancelled 已取消；未报名为 null")

    class Meta:
        model = Activity
        fields = ["id", "title", "description", "organisation", "grid", "place", "starts_at",
                  "ends_at", "capacity", "places_left", "service_hours", "points_rule",
                  "points_label", "status", "status_label", "my_status"]

    def get_places_left(self, activity: Activity) -> int:
        return services.places_left(activity)

    def get_my_status(self, activity: Activity) -> str | None:
        signup = self.context.get("mine", {}).get(activity.pk)
        return signup.status if signup else None


class VolunteerMessageSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="给居民看的中文说明")


class VolunteerSignUpResultSerializer(VolunteerMessageSerializer):
    status = serializers.CharField(help_text="报名状态")
    places_left = serializers.IntegerField()


class VolunteerCheckinRequestSerializer(serializers.Serializer):
    code = serializers.RegexField(r"^\d{6}$", help_text="组织方公布的6位签到码",
                                  error_messages={"invalid": _("签到码为6位数字。")})


class VolunteerCheckinResultSerializer(VolunteerMessageSerializer):
    already = serializers.BooleanField(help_text="此前已签到，本次未重复记录")
    hours = serializers.DecimalField(max_digits=4, decimal_places=1)
    points = serializers.IntegerField(help_text="获得的积分")
    points_refused = serializers.CharField(help_text="未发放积分的原因（如已达每日上限）")


class VolunteerServiceRecordSerializer(serializers.Serializer):
    activity_id = serializers.IntegerField()
    title = serializers.CharField(source="activity.title")
    organisation = serializers.CharField(source="activity.organisation.name")
    starts_at = serializers.DateTimeField(source="activity.starts_at")
    hours = serializers.DecimalField(max_digits=4, decimal_places=1)
    points = serializers.IntegerField(source="points_awarded")
    points_note = serializers.CharField()


class VolunteerHoursSerializer(serializers.Serializer):
    hours_total = serializers.DecimalField(max_digits=8, decimal_places=1, help_text="累计服务时长（小时）")
    activities_count = serializers.IntegerField()
    points_total = serializers.IntegerField()
    records = VolunteerServiceRecordSerializer(many=True)


def _mine(user, activities) -> dict[int, SignUp]:
    rows = SignUp.objects.filter(resident=user, activity__in=[a.pk for a in activities])
    return {row.activity_id: row for row in rows}


def _activity_for(request: Request, pk: int) -> Activity:
    """Published in the user's region, or one they signed up for (as on the pages)."""
    return get_object_or_404(
        services.accessible_activities(request.user, reader_grid(request)), pk=pk)


def _refused(exc: services.VolunteerError) -> Response:
    return Response({"detail": exc.messages[0]}, status=status.HTTP_400_BAD_REQUEST)


class VolunteerActivityListAPIView(generics.ListAPIView):
    """我所在区域的志愿活动（居住网格及其上级区域发布的），分页。"""

    serializer_class = VolunteerActivitySerializer

    @extend_schema(tags=TAGS, operation_id="volunteer_activities_list", summary="志愿活动列表",
                   parameters=[OpenApiParameter(
                       "show", OpenApiTypes.STR, enum=["upcoming", "past"],
                       description="upcoming 正在招募（默认）/ past 往期")])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        activities = services.with_places(services.visible_activities(reader_grid(self.request)))
        if self.request.query_params.get("show") == "past":
            return activities.filter(ends_at__lt=timezone.now()).order_by("-starts_at")
        return activities.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        context = {**self.get_serializer_context(), "mine": _mine(request.user, page)}
        return self.get_paginated_response(
            VolunteerActivitySerializer(page, many=True, context=context).data)


class VolunteerActivityDetailAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="volunteer_activity_detail", summary="志愿活动详情",
                   responses=VolunteerActivitySerializer)
    def get(self, request: Request, pk: int) -> Response:
        activity = _activity_for(request, pk)
        data = VolunteerActivitySerializer(activity, context={"mine": _mine(request.user, [activity])}).data
        return Response(data)


class VolunteerSignUpAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="volunteer_activity_signup", summary="报名志愿活动",
                   request=None, responses={200: VolunteerSignUpResultSerializer,
                                            400: VolunteerMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        activity = _activity_for(request, pk)
        try:
            signup = services.sign_up(activity.pk, request.user)
        except services.VolunteerError as exc:
            return _refused(exc)
        return Response({"detail": _("报名成功！"), "status": signup.status,
                         "places_left": services.places_left(Activity.objects.get(pk=activity.pk))})


class VolunteerCancelAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="volunteer_activity_cancel", summary="取消报名",
                   request=None, responses={200: VolunteerSignUpResultSerializer,
                                            400: VolunteerMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        activity = _activity_for(request, pk)
        try:
            signup = services.cancel_signup(activity.pk, request.user)
        except services.VolunteerError as exc:
            return _refused(exc)
        return Response({"detail": _("已取消报名。"), "status": signup.status,
                         "places_left": services.places_left(Activity.objects.get(pk=activity.pk))})


class VolunteerCheckinAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="volunteer_activity_checkin", summary="签到码签到",
                   request=VolunteerCheckinRequestSerializer,
                   responses={200: VolunteerCheckinResultSerializer, 400: VolunteerMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        activity = _activity_for(request, pk)
        serializer = VolunteerCheckinRequestSerializer(data=request.data)
        if not serializer.is_valid():
            return Response({"detail": _("签到码为6位数字。")}, status=status.HTTP_400_BAD_REQUEST)
        try:
            result = services.check_in_with_code(activity.pk, request.user,
                                                 serializer.validated_data["code"])
        except services.VolunteerError as exc:
            return _refused(exc)
        return Response(VolunteerCheckinResultSerializer({
            "detail": attendance_message(result), "already": not result.changed,
            "hours": result.signup.hours, "points": result.points,
            "points_refused": result.points_refused}).data)


class VolunteerHoursAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="volunteer_my_hours", summary="我的志愿服务时长",
                   responses=VolunteerHoursSerializer)
    def get(self, request: Request) -> Response:
        records = list(services.attended(request.user).select_related("activity__organisation")
                       .order_by("-activity__starts_at"))
        return Response(VolunteerHoursSerializer({
            "hours_total": sum((r.hours for r in records), start=Decimal("0")),
            "activities_count": len(records),
            "points_total": sum(r.points_awarded for r in records),
            "records": records,
        }).data)


urlpatterns = [
    path("activities/", VolunteerActivityListAPIView.as_view(), name="activities"),
    path("activities/<int:pk>/", VolunteerActivityDetailAPIView.as_view(), name="activity"),
    path("activities/<int:pk>/signup/", VolunteerSignUpAPIView.as_view(), name="signup"),
    path("activities/<int:pk>/cancel/", VolunteerCancelAPIView.as_view(), name="cancel"),
    path("activities/<int:pk>/checkin/", VolunteerCheckinAPIView.as_view(), name="checkin"),
    path("hours/", VolunteerHoursAPIView.as_view(), name="hours"),
]
