"""The 网格议事 API, part two: councils and meetings, and the staff actions
(answer a suggestion, compile the issue list, record attendance, record a decision step).

Staff endpoints check a model permission, then the services look every object up
through ``scope_queryset``: outside the user's subtree is a 400 with the reason,
and the listings only ever contain in-scope rows.
"""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.grids.scoping import scope_queryset
from core.portal.services import reader_grid

from . import serializers as s
from .models import Council, Decision, IssueList, Meeting, MeetingStatus
from .services import DeliberationError, in_region
from .services import councils as council_services
from .services import decisions as decision_services
from .services import issues as issue_services

TAGS = ["网格议事"]
STAFF_TAGS = ["网格议事（工作人员）"]


def _refused(exc: DeliberationError) -> Response:
    return Response({"detail": exc.messages[0]}, status=status.HTTP_400_BAD_REQUEST)


def _invalid(serializer) -> Response:
    field, errors = next(iter(serializer.errors.items()))
    message = errors[0] if isinstance(errors, list) else str(errors)
    return Response({"detail": f"{field}：{message}"}, status=status.HTTP_400_BAD_REQUEST)


def has_perm(codename: str) -> type[BasePermission]:
    class HasPerm(BasePermission):
        message = _("您没有权限执行此操作。")

        def has_permission(self, request: Request, view: Any) -> bool:
            return bool(request.user.is_authenticated and request.user.is_staff
                        and request.user.has_perm(f"deliberation.{codename}"))

    return HasPerm


# --- councils (residents read their own village's) --------------------------------


class CouncilListAPIView(generics.ListAPIView):
    serializer_class = s.DeliberationCouncilSerializer

    @extend_schema(tags=TAGS, operation_id="deliberation_councils_list", summary="本村社议事会及成员")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (Council.objects.filter(in_region(reader_grid(self.request)))
                .select_related("grid").prefetch_related("members"))


class MeetingListAPIView(generics.ListAPIView):
    """A 议事会's meetings already held, with agenda, minutes and decisions."""

    serializer_class = s.DeliberationMeetingSerializer

    @extend_schema(tags=TAGS, operation_id="deliberation_council_meetings", summary="议事会会议纪要")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        council = get_object_or_404(
            Council.objects.filter(in_region(reader_grid(self.request))), pk=self.kwargs["pk"])
        return council.meetings.filter(status=MeetingStatus.HELD).prefetch_related("agenda")


# --- staff -----------------------------------------------------------------------


class RespondAPIView(APIView):
    permission_classes = [has_perm("change_suggestion")]

    @extend_schema(tags=STAFF_TAGS, operation_id="deliberation_suggestion_respond",
                   summary="答复建议（采纳/答复/暂不采纳）",
                   request=s.DeliberationRespondRequestSerializer,
                   responses={200: s.DeliberationMessageSerializer,
                              400: s.DeliberationMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        serializer = s.DeliberationRespondRequestSerializer(data=request.data)
        if not serializer.is_valid():
            return _invalid(serializer)
        try:
            issue_services.respond(pk, request.user, **serializer.validated_data)
        except DeliberationError as exc:
            return _refused(exc)
        return Response({"detail": _("已答复，提出人会收到通知。")})


class IssueListListAPIView(generics.ListAPIView):
    """Empty for anyone without the permission or a scope (residents)."""

    serializer_class = s.DeliberationIssueListSerializer

    @extend_schema(tags=STAFF_TAGS, operation_id="deliberation_issue_lists", summary="问题清单（管辖范围内）")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if not self.request.user.has_perm("deliberation.view_issuelist"):
            return IssueList.objects.none()
        return scope_queryset(self.request.user, IssueList.objects.select_related("grid")
                              .prefetch_related("items"))


class CompileAPIView(APIView):
    permission_classes = [has_perm("compile_issuelist")]

    @extend_schema(tags=STAFF_TAGS, operation_id="deliberation_issue_list_compile",
                   summary="汇总问题清单（选择、排序、备注）",
                   request=s.DeliberationCompileRequestSerializer,
                   responses={200: s.DeliberationIssueListSerializer,
                              400: s.DeliberationMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        serializer = s.DeliberationCompileRequestSerializer(data=request.data)
        if not serializer.is_valid():
            return _invalid(serializer)
        entries = [issue_services.Entry(e["suggestion"], e["order"], e.get("note", ""))
                   for e in serializer.validated_data["items"]]
        try:
            issue_services.compile_list(pk, request.user, entries)
        except DeliberationError as exc:
            return _refused(exc)
        return Response(s.DeliberationIssueListSerializer(IssueList.objects.get(pk=pk)).data)


class AttendanceAPIView(APIView):
    permission_classes = [has_perm("change_meeting")]

    @extend_schema(tags=STAFF_TAGS, operation_id="deliberation_meeting_attendance",
                   summary="登记议事会出席（积分每次会议一次）",
                   request=s.DeliberationAttendanceRequestSerializer,
                   responses={200: s.DeliberationMessageSerializer,
                              400: s.DeliberationMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        serializer = s.DeliberationAttendanceRequestSerializer(data=request.data)
        if not serializer.is_valid():
            return _invalid(serializer)
        try:
            created = council_services.record_attendance(pk, request.user,
                                                         serializer.validated_data["members"])
        except DeliberationError as exc:
            return _refused(exc)
        return Response({"detail": _("已登记 %(n)s 人出席。") % {"n": len(created)}})


class AgendaAPIView(APIView):
    permission_classes = [has_perm("change_meeting")]

    @extend_schema(tags=STAFF_TAGS, operation_id="deliberation_meeting_agenda",
                   summary="从问题清单生成会议议程", request=None,
                   responses={200: s.DeliberationMeetingSerializer,
                              400: s.DeliberationMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        try:
            council_services.agenda_from_issue_list(pk, request.user)
        except DeliberationError as exc:
            return _refused(exc)
        return Response(s.DeliberationMeetingSerializer(Meeting.objects.get(pk=pk)).data)


class StaffDecisionListAPIView(generics.ListAPIView):
    """Empty for anyone without the permission or a scope (residents)."""

    serializer_class = s.DeliberationDecisionSerializer

    @extend_schema(tags=STAFF_TAGS, operation_id="deliberation_staff_decisions",
                   summary="五议两公开事项（管辖范围内，含未公开）")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if not self.request.user.has_perm("deliberation.view_decision"):
            return Decision.objects.none()
        return scope_queryset(self.request.user, Decision.objects.select_related("grid")
                              .prefetch_related("steps"))


class StepAPIView(APIView):
    permission_classes = [has_perm("record_decisionstep")]

    @extend_schema(tags=STAFF_TAGS, operation_id="deliberation_decision_step",
                   summary="记录五议两公开下一环节（审议、决议校验到会与表决）",
                   request=s.DeliberationStepRequestSerializer,
                   responses={200: s.DeliberationDecisionSerializer,
                              400: s.DeliberationMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        serializer = s.DeliberationStepRequestSerializer(data=request.data)
        if not serializer.is_valid():
            return _invalid(serializer)
        data = serializer.validated_data
        counts = None
        if data.get("entitled") is not None:
            counts = decision_services.Counts(data["entitled"], data.get("present") or 0,
                                              data.get("in_favour") or 0, data.get("against", 0),
                                              data.get("abstained", 0))
        try:
            decision_services.record_step(pk, request.user, data["stage"], data["held_on"],
                                          data["note"], counts)
        except DeliberationError as exc:
            return _refused(exc)
        return Response(s.DeliberationDecisionSerializer(Decision.objects.get(pk=pk)).data)


urlpatterns = [
    path("councils/", CouncilListAPIView.as_view(), name="councils"),
    path("councils/<int:pk>/meetings/", MeetingListAPIView.as_view(), name="council-meetings"),
    path("suggestions/<int:pk>/respond/", RespondAPIView.as_view(), name="respond"),
    path("issue-lists/", IssueListListAPIView.as_view(), name="issue-lists"),
    path("issue-lists/<int:pk>/compile/", CompileAPIView.as_view(), name="compile"),
    path("meetings/<int:pk>/attendance/", AttendanceAPIView.as_view(), name="attendance"),
    path("meetings/<int:pk>/agenda/", AgendaAPIView.as_view(), name="agenda"),
    path("staff/decisions/", StaffDecisionListAPIView.as_view(), name="staff-decisions"),
    path("decisions/<int:pk>/steps/", StepAPIView.as_view(), name="steps"),
]
