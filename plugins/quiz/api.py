"""The quiz API for the mini-program, mounted at /api/quiz/.

Same services as the pages: refusals are ``{"detail": "…"}`` with status 400.
Component names start with "Quiz" so they never collide in the shared schema.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.portal.services import reader_grid

from . import services
from .models import Attempt, Quiz

TAGS = ["安全答题"]


class QuizSummarySerializer(serializers.ModelSerializer):
    mode_label = serializers.CharField(source="get_mode_display")
    grid = serializers.CharField(source="grid.name", help_text="面向区域")

    class Meta:
        model = Quiz
        fields = ["id", "title", "intro", "mode", "mode_label", "grid", "opens_at", "closes_at",
                  "questions_per_attempt", "time_limit_seconds", "max_attempts", "pass_score"]


class QuizQuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="single 单选 / multiple 多选 / true_false 判断")
    text = serializers.CharField()
    choices = serializers.ListField(child=serializers.CharField(),
                                    help_text="依次对应选项字母 A、B、C…")


class QuizAttemptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    quiz_id = serializers.IntegerField()
    number = serializers.IntegerField(help_text="第几次作答")
    started_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField(allow_null=True, help_text="交卷截止时间，不限时为 null")
    questions = QuizQuestionSerializer(many=True)


class QuizSubmitRequestSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField(max_length=1)),
        help_text='题目 id → 所选字母，如 {"12": ["A"], "13": ["A", "C"]}')


class QuizResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    detail = serializers.CharField(required=False, help_text="给居民看的中文说明")
    score = serializers.IntegerField()
    max_score = serializers.IntegerField()
    passed = serializers.BooleanField()
    timed_out = serializers.BooleanField()
    points = serializers.IntegerField(source="points_awarded")
    points_refused = serializers.CharField(source="points_note", help_text="未发放积分的原因")
    correct_answers = serializers.DictField(child=serializers.CharField(),
                                            help_text="题目 id → 正确答案字母（问卷为空）")
    answers = serializers.DictField(child=serializers.CharField(), help_text="我的作答")


class QuizMessageSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="给居民看的中文说明")


def _attempt_data(attempt: Attempt) -> dict:
    questions = services.questions_of(attempt)
    return {"id": attempt.pk, "quiz_id": attempt.quiz_id, "number": attempt.number,
            "started_at": attempt.started_at, "deadline": attempt.deadline,
            "questions": [{"id": q.pk, "kind": q.kind, "text": q.text, "choices": q.choice_list()}
                          for q in questions]}


def _result_data(attempt: Attempt, detail: str = "") -> dict:
    return QuizResultSerializer({
        "id": attempt.pk, "detail": detail, "score": attempt.score,
        "max_score": attempt.max_score, "passed": attempt.passed,
        "timed_out": attempt.timed_out, "points_awarded": attempt.points_awarded,
        "points_note": attempt.points_note, "answers": attempt.answers,
        "correct_answers": {str(q.pk): q.answer for q in services.questions_of(attempt)},
    }).data


class QuizListAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="quiz_list", summary="我所在区域正在进行的答题",
                   responses=QuizSummarySerializer(many=True))
    def get(self, request: Request) -> Response:
        quizzes = services.open_quizzes(reader_grid(request)).select_related("grid")
        return Response(QuizSummarySerializer(quizzes, many=True).data)


class QuizStartAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="quiz_start", summary="开始（或继续）作答",
                   request=None, responses={200: QuizAttemptSerializer, 400: QuizMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        quiz = get_object_or_404(services.visible_quizzes(reader_grid(request)), pk=pk)
        try:
            attempt = services.start_attempt(quiz.pk, request.user)
        except services.QuizError as exc:
            return Response({"detail": exc.messages[0]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(QuizAttemptSerializer(_attempt_data(attempt)).data)


class QuizSubmitAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="quiz_submit", summary="交卷（服务器评分与计时）",
                   request=QuizSubmitRequestSerializer, responses=QuizResultSerializer)
    def post(self, request: Request, pk: int) -> Response:
        attempt = get_object_or_404(Attempt, pk=pk, resident=request.user)
        payload = QuizSubmitRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        outcome = services.submit(attempt.pk, request.user, payload.validated_data["answers"])
        return Response(_result_data(outcome.attempt, outcome.message))


class QuizResultAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="quiz_result", summary="作答结果与正确答案",
                   responses={200: QuizResultSerializer, 400: QuizMessageSerializer})
    def get(self, request: Request, pk: int) -> Response:
        attempt = get_object_or_404(Attempt.objects.select_related("quiz"), pk=pk,
                                    resident=request.user)
        if attempt.submitted_at is None:
            return Response({"detail": "尚未交卷。"}, status=status.HTTP_400_BAD_REQUEST)
        return Response(_result_data(attempt))


urlpatterns = [
    path("quizzes/", QuizListAPIView.as_view(), name="list"),
    path("quizzes/<int:pk>/start/", QuizStartAPIView.as_view(), name="start"),
    path("attempts/<int:pk>/submit/", QuizSubmitAPIView.as_view(), name="submit"),
    path("attempts/<int:pk>/result/", QuizResultAPIView.as_view(), name="result"),
]
