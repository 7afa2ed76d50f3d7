"""法治互动 and the litigation stage in the API (included by api.py under /api/court/)."""

from __future__ import annotations

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import faq, litigation
from .api_errors import first_error, refused
from .manifest import SLUG
from .models import Answer, DisputeType, Outcome, Question
from .services import CourtError

TAGS = ["在线法院"]




class CourtAnswerSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.name")

    class Meta:
        model = Answer
        fields = ["id", "author_name", "author_label", "body", "is_published", "created_at"]


class CourtQuestionSerializer(serializers.ModelSerializer):
    category = serializers.CharField(help_text="问题类别代码")
    category_label = serializers.CharField(source="get_category_display")
    asker = serializers.SerializerMethodField(help_text="公开署名（匿名时为“匿名居民”）")
    answers = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = ["id", "category", "category_label", "title", "body", "asker", "created_at",
                  "answers"]

    def get_asker(self, question: Question) -> str:
        return question.public_asker

    def get_answers(self, question: Question) -> list[dict]:
        answers = self.context.get("answers")
        if answers is None:
            answers = getattr(question, "public_answers", [])
        return CourtAnswerSerializer(answers, many=True).data


class CourtAskSerializer(serializers.Serializer):
    category = serializers.CharField(
        label=gettext_lazy("问题类别"), max_length=16, help_text="问题类别：" + "、".join(f"{v} {label}" for v, label in DisputeType.choices))
    title = serializers.CharField(label=gettext_lazy("标题"), max_length=60)
    body = serializers.CharField(label=gettext_lazy("问题描述"), max_length=2000)
    anonymous = serializers.BooleanField(default=True)


class CourtAnswerRequestSerializer(serializers.Serializer):
    body = serializers.CharField(label=gettext_lazy("解答"), max_length=4000)


class CourtPublishSerializer(serializers.Serializer):
    published = serializers.BooleanField(default=True, help_text="true 公开为常见问题；false 撤回")


class CourtCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="报事 id")
    code = serializers.CharField(help_text="报事编码")
    category = serializers.CharField(source="category.name")
    grid = serializers.CharField(source="grid.name")
    description = serializers.CharField()
    status = serializers.CharField(help_text="报事状态（litigation 法院诉讼 / resolved 已办结 …）")
    due_at = serializers.DateTimeField(allow_null=True)
    outcome = serializers.SerializerMethodField(help_text="法院办理结果，未办结为空")

    def get_outcome(self, report) -> str:
        case = getattr(report, "court_case", None)  # None: no court record yet
        return case.outcome if case is not None else ""


class CourtOutcomeSerializer(serializers.Serializer):
    outcome = serializers.CharField(
        label=gettext_lazy("办理结果"), max_length=24, help_text="办理结果：" + "、".join(f"{v} {label}" for v, label in Outcome.choices))
    note = serializers.CharField(label=gettext_lazy("办理情况"), max_length=2000)
    booking = serializers.IntegerField(label=gettext_lazy("诉前调解预约"), required=False, allow_null=True)


class CourtLinkSerializer(serializers.Serializer):
    booking = serializers.IntegerField(label=gettext_lazy("诉前调解预约"))


class CourtQuestionListAPIView(generics.ListAPIView):
    """常见问题（GET，公开）；居民提问（POST）。"""

    serializer_class = CourtQuestionSerializer

    def get_queryset(self):
        return faq.faq()

    @extend_schema(tags=TAGS, operation_id="court_faq_list", summary="常见问题")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(tags=TAGS, operation_id="court_ask", summary="提问", request=CourtAskSerializer,
                   responses={201: CourtQuestionSerializer})
    def post(self, request: Request) -> Response:
        serializer = CourtAskSerializer(data=request.data)
        if not serializer.is_valid():
            return first_error(serializer)
        try:
            question = faq.ask(request.user, **serializer.validated_data)
        except CourtError as exc:
            return refused(exc)
        return Response(CourtQuestionSerializer(question, context={"answers": []}).data,
                        status=status.HTTP_201_CREATED)


class CourtMyQuestionsAPIView(generics.ListAPIView):
    serializer_class = CourtQuestionSerializer

    @extend_schema(tags=TAGS, operation_id="court_my_questions", summary="我的提问（含未公开解答）")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        from django.db.models import Prefetch

        answers = Prefetch("answers", queryset=Answer.objects.select_related("author"),
                           to_attr="public_answers")
        return Question.objects.filter(asker=self.request.user).prefetch_related(answers)


class CourtOpenQuestionsAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="court_open_questions", summary="待解答的问题（法官、律师）",
                   responses=CourtQuestionSerializer(many=True))
    def get(self, request: Request) -> Response:
        if not faq.can_answer(request.user, request.plugins.config(SLUG)):
            return Response([])
        questions = faq.open_questions()
        return Response(CourtQuestionSerializer(questions, many=True, context={"answers": []}).data)


class CourtQuestionAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="court_question", summary="问题详情",
                   responses=CourtQuestionSerializer)
    def get(self, request: Request, pk: int) -> Response:
        config = request.plugins.config(SLUG)
        question = faq.question_for(request.user, pk, config)
        if question is None:
            raise Http404
        answers = faq.answers_for(request.user, question, config)
        return Response(CourtQuestionSerializer(question, context={"answers": answers}).data)


class CourtAnswerAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="court_answer", summary="解答（法官、律师）",
                   request=CourtAnswerRequestSerializer, responses={201: CourtAnswerSerializer})
    def post(self, request: Request, pk: int) -> Response:
        config = request.plugins.config(SLUG)
        if faq.question_for(request.user, pk, config) is None:
            raise Http404
        serializer = CourtAnswerRequestSerializer(data=request.data)
        if not serializer.is_valid():
            return first_error(serializer)
        try:
            answer = faq.answer(pk, request.user, serializer.validated_data["body"], config=config)
        except CourtError as exc:
            return refused(exc)
        return Response(CourtAnswerSerializer(answer).data, status=status.HTTP_201_CREATED)


class CourtPublishAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="court_answer_publish", summary="公开/撤回常见问题（审核）",
                   request=CourtPublishSerializer, responses={200: CourtAnswerSerializer})
    def post(self, request: Request, pk: int) -> Response:
        if not faq.answers_to_moderate(request.user).filter(pk=pk).exists():
            raise Http404
        serializer = CourtPublishSerializer(data=request.data)
        if not serializer.is_valid():
            return first_error(serializer)
        try:
            answer = faq.set_published(pk, request.user, serializer.validated_data["published"])
        except CourtError as exc:
            return refused(exc)
        return Response(CourtAnswerSerializer(answer).data)


class CourtCaseListAPIView(generics.ListAPIView):
    """法院案件队列：结对村社中处于诉讼阶段的报事。"""

    serializer_class = CourtCaseSerializer

    @extend_schema(tags=TAGS, operation_id="court_cases", summary="法院案件队列")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return litigation.queue_for(self.request.user)


class CourtCaseLinkAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="court_case_link", summary="关联诉前调解预约",
                   request=CourtLinkSerializer, responses={200: CourtCaseSerializer})
    def post(self, request: Request, pk: int) -> Response:
        serializer = CourtLinkSerializer(data=request.data)
        if not serializer.is_valid():
            return first_error(serializer)
        try:
            litigation.link_booking(pk, request.user, serializer.validated_data["booking"])
        except CourtError as exc:
            return refused(exc)
        report, _case = litigation.case_for(request.user, pk)
        return Response(CourtCaseSerializer(report).data)


class CourtCaseOutcomeAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="court_case_outcome", summary="记录办理结果并办结",
                   request=CourtOutcomeSerializer, responses={200: CourtCaseSerializer})
    def post(self, request: Request, pk: int) -> Response:
        serializer = CourtOutcomeSerializer(data=request.data)
        if not serializer.is_valid():
            return first_error(serializer)
        data = serializer.validated_data
        try:
            litigation.record_outcome(pk, request.user, outcome=data["outcome"], note=data["note"],
                                      booking_id=data.get("booking"))
        except CourtError as exc:
            return refused(exc)
        report, _case = litigation.case_for(request.user, pk)
        if report is None:
            return Response({"detail": _("已办结。")})
        return Response(CourtCaseSerializer(report).data)


urlpatterns = [
    path("questions/", CourtQuestionListAPIView.as_view(), name="questions"),
    path("questions/mine/", CourtMyQuestionsAPIView.as_view(), name="my-questions"),
    path("questions/open/", CourtOpenQuestionsAPIView.as_view(), name="open-questions"),
    path("questions/<int:pk>/", CourtQuestionAPIView.as_view(), name="question"),
    path("questions/<int:pk>/answers/", CourtAnswerAPIView.as_view(), name="answer"),
    path("answers/<int:pk>/publish/", CourtPublishAPIView.as_view(), name="publish"),
    path("cases/", CourtCaseListAPIView.as_view(), name="cases"),
    path("cases/<int:pk>/link/", CourtCaseLinkAPIView.as_view(), name="case-link"),
    path("cases/<int:pk>/outcome/", CourtCaseOutcomeAPIView.as_view(), name="case-outcome"),
]
