"""The 嘉心在线 API for the mini-program, mounted at /api/psych/.

Same services as the pages, so refusals carry the same Chinese message:
``{"detail": "…"}`` with status 400. Appointments and messages are only ever
looked up for their own resident or counselor (404 for anyone else, superusers
included). Component names start with "Psych" (unique in the shared schema).
"""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import services
from .models import Appointment, Question, Slot
from .scales import CHOICES, CRISIS_LINES, SCALES

TAGS = ["嘉心在线"]


class PsychScaleSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    title = serializers.CharField()
    prompt = serializers.CharField()
    items = serializers.ListField(child=serializers.CharField())
    choices = serializers.SerializerMethodField(help_text="每题的选项：0–3 分")

    def get_choices(self, scale) -> list[dict]:
        return [{"value": value, "label": str(label)} for value, label in CHOICES]


class PsychAnswersSerializer(serializers.Serializer):
    answers = serializers.ListField(child=serializers.IntegerField(min_value=0, max_value=3),
                                    help_text="按题目顺序的答案，每题 0–3")


class PsychSlotSerializer(serializers.ModelSerializer):
    counselor_id = serializers.IntegerField(source="profile_id")
    counselor = serializers.CharField(source="profile.display_name")
    mode_label = serializers.CharField(source="get_mode_display")

    class Meta:
        model = Slot
        fields = ["id", "counselor_id", "counselor", "starts_at", "minutes", "mode", "mode_label"]


class PsychCrisisLineSerializer(serializers.Serializer):
    number = serializers.CharField()
    label = serializers.CharField()


class PsychScaleResultSerializer(serializers.Serializer):
    scale = serializers.CharField()
    score = serializers.IntegerField()
    max_score = serializers.IntegerField()
    band = serializers.CharField(help_text="程度：无/极轻微、轻度、中度、中重度、重度")
    risk = serializers.BooleanField(help_text="PHQ-9 第9题非零：须立即展示危机援助")
    crisis_lines = PsychCrisisLineSerializer(many=True)
    earliest_slot = PsychSlotSerializer(allow_null=True, help_text="最早可预约的空闲时段")


class PsychCounselorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField()
    intro = serializers.CharField()
    specialties = serializers.ListField(child=serializers.CharField(), source="specialty_list")
    online = serializers.BooleanField()
    in_person = serializers.BooleanField()
    place = serializers.CharField()


class PsychAppointmentSerializer(serializers.ModelSerializer):
    slot = PsychSlotSerializer()
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Appointment
        fields = ["id", "slot", "status", "status_label", "created_at", "cancelled_at"]


class PsychMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    mine = serializers.BooleanField(help_text="是否由我发送")
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class PsychMessageRequestSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=services.MESSAGE_MAX)


class PsychDetailSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="给居民看的中文说明")


class PsychQuestionSerializer(serializers.ModelSerializer):
    answered_by = serializers.CharField(source="answered_by.display_name", default="")

    class Meta:
        model = Question
        fields = ["id", "title", "body", "answer", "answered_by", "answered_at", "created_at"]


class PsychAskSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=80)
    body = serializers.CharField(max_length=2000)


def _refused(exc: services.PsychError) -> Response:
    return Response({"detail": exc.messages[0]}, status=status.HTTP_400_BAD_REQUEST)


class PsychScalesAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="psych_scales", summary="心理自评量表（PHQ-9、GAD-7）",
                   responses=PsychScaleSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(PsychScaleSerializer(SCALES.values(), many=True).data)


class PsychScaleSubmitAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="psych_scale_submit", summary="提交自评，得到分数和程度",
                   request=PsychAnswersSerializer,
                   responses={200: PsychScaleResultSerializer, 400: PsychDetailSerializer})
    def post(self, request: Request, code: str) -> Response:
        scale = SCALES.get(code)
        serializer = PsychAnswersSerializer(data=request.data)
        if scale is None:
            return Response({"detail": _("没有这个量表。")}, status=status.HTTP_404_NOT_FOUND)
        if not serializer.is_valid() or len(serializer.validated_data["answers"]) != len(scale.items):
            return Response({"detail": _("请按顺序回答全部%(n)s题，每题0–3分。") % {"n": len(scale.items)}},
                            status=status.HTTP_400_BAD_REQUEST)
        result, risk = services.record_result(request.user, code, serializer.validated_data["answers"])
        earliest = services.earliest_free_slot() if risk or result.score >= 10 else None
        return Response(PsychScaleResultSerializer({
            "scale": code, "score": result.score, "max_score": scale.max_score, "band": result.band,
            "risk": risk, "earliest_slot": earliest,
            "crisis_lines": [{"number": n, "label": str(label)} for n, label in CRISIS_LINES],
        }).data)


class PsychCounselorsAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="psych_counselors", summary="心理咨询师",
                   responses=PsychCounselorSerializer(many=True))
    def get(self, request: Request) -> Response:
        profiles = services.active_profiles().order_by("pk")
        return Response(PsychCounselorSerializer(profiles, many=True).data)


class PsychSlotsAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="psych_slots", summary="可预约时段（未来、未被预约）",
                   responses=PsychSlotSerializer(many=True))
    def get(self, request: Request) -> Response:
        slots = services.free_slots().order_by("starts_at")
        counselor = request.query_params.get("counselor")
        if counselor and counselor.isdigit():
            slots = slots.filter(profile_id=int(counselor))
        return Response(PsychSlotSerializer(slots[:100], many=True).data)


class PsychBookAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="psych_slot_book", summary="预约时段", request=None,
                   responses={201: PsychAppointmentSerializer, 400: PsychDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        try:
            appointment = services.book(pk, request.user)
        except services.PsychError as exc:
            return _refused(exc)
        return Response(PsychAppointmentSerializer(appointment).data, status=status.HTTP_201_CREATED)


class PsychAppointmentsAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="psych_my_appointments", summary="我的预约",
                   responses=PsychAppointmentSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(PsychAppointmentSerializer(
            services.my_appointments(request.user)[:100], many=True).data)


class PsychCancelAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="psych_appointment_cancel", summary="取消预约",
                   request=None, responses={200: PsychAppointmentSerializer, 400: PsychDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        try:
            appointment = services.cancel(pk, request.user)
        except services.PsychError as exc:
            return _refused(exc)
        return Response(PsychAppointmentSerializer(appointment).data)


class PsychMessagesAPIView(APIView):
    """仅预约的居民与其咨询师可读写；其他任何人（含管理员）均为 404。"""

    def _list(self, request: Request, appointment: Appointment) -> list[dict]:
        return [{"id": m.pk, "mine": m.sender_id == request.user.pk, "body": m.body,
                 "created_at": m.created_at} for m in appointment.messages.all()]

    @extend_schema(tags=TAGS, operation_id="psych_messages", summary="咨询对话",
                   responses=PsychMessageSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        appointment = services.appointment_for(request.user, pk)
        return Response(PsychMessageSerializer(self._list(request, appointment), many=True).data)

    @extend_schema(tags=TAGS, operation_id="psych_message_send", summary="发送消息",
                   request=PsychMessageRequestSerializer,
                   responses={201: PsychMessageSerializer(many=True), 400: PsychDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        appointment = services.appointment_for(request.user, pk)
        serializer = PsychMessageRequestSerializer(data=request.data)
        try:
            if not serializer.is_valid():
                raise services.PsychError(_("请输入内容（不超过2000字）。"))
            services.send_message(appointment, request.user, serializer.validated_data["text"])
        except services.PsychError as exc:
            return _refused(exc)
        return Response(PsychMessageSerializer(self._list(request, appointment), many=True).data,
                        status=status.HTTP_201_CREATED)


class PsychQuestionsAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="psych_questions", summary="已回答的匿名提问",
                   responses=PsychQuestionSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(PsychQuestionSerializer(services.answered_questions()[:50], many=True).data)

    @extend_schema(tags=TAGS, operation_id="psych_question_ask", summary="匿名提问",
                   request=PsychAskSerializer,
                   responses={201: PsychQuestionSerializer, 400: PsychDetailSerializer})
    def post(self, request: Request) -> Response:
        serializer = PsychAskSerializer(data=request.data)
        if not serializer.is_valid():
            return Response({"detail": _("请填写标题（80字内）和问题描述（2000字内）。")},
                            status=status.HTTP_400_BAD_REQUEST)
        try:
            question = services.ask(request.user, **serializer.validated_data)
        except services.PsychError as exc:
            return _refused(exc)
        return Response(PsychQuestionSerializer(question).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("scales/", PsychScalesAPIView.as_view(), name="scales"),
    path("scales/<slug:code>/", PsychScaleSubmitAPIView.as_view(), name="scale-submit"),
    path("counselors/", PsychCounselorsAPIView.as_view(), name="counselors"),
    path("slots/", PsychSlotsAPIView.as_view(), name="slots"),
    path("slots/<int:pk>/book/", PsychBookAPIView.as_view(), name="book"),
    path("appointments/", PsychAppointmentsAPIView.as_view(), name="appointments"),
    path("appointments/<int:pk>/cancel/", PsychCancelAPIView.as_view(), name="cancel"),
    path("appointments/<int:pk>/messages/", PsychMessagesAPIView.as_view(), name="messages"),
    path("questions/", PsychQuestionsAPIView.as_view(), name="questions"),
]
