"""The 村务公开 API, mounted at /api/disclosure/ (the mini-program's resident and cadre sides).

Same services and reading rule as the pages: a posting the user may not read
answers 404, exactly like a missing one; refusals carry the pages' Chinese
message as ``{"detail": "…"}`` with status 400. Component names start with
"Disclosure" so they never collide in the shared OpenAPI schema.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import figures, services
from .forms import QuestionForm
from .models import Kind, PostingPage, Question, QuestionStatus

TAGS = ["村务公开"]


class DisclosurePostingSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    village = serializers.CharField(source="target_grid.name", help_text="公开村社")
    village_code = serializers.CharField(source="target_grid.code")
    period = serializers.CharField(source="period_label", help_text="如“2026年第三季度”")
    published_at = serializers.DateTimeField(source="first_published_at")
    corrections = serializers.IntegerField(help_text="已更正次数")
    question_count = serializers.IntegerField(help_text="公开的质询条数")
    url = serializers.CharField(help_text="网页地址")

    class Meta:
        model = PostingPage
        fields = ["id", "title", "kind", "kind_label", "village", "village_code", "year",
                  "period_kind", "period_number", "period", "summary", "published_at",
                  "corrections", "question_count", "url"]


class DisclosureLineSerializer(serializers.Serializer):
    subject = serializers.CharField(help_text="科目")
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=True)
    note = serializers.CharField()


class DisclosureRevisionSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="1 为首次公开，之后每次为一次更正")
    published_at = serializers.DateTimeField()
    is_correction = serializers.BooleanField()
    note = serializers.CharField(help_text="更正说明")
    changes = serializers.ListField(child=serializers.CharField(), source="describe_changes",
                                    help_text="变更内容（中文描述）")
    changes_data = serializers.JSONField(source="changes", help_text="变更内容（结构化）")


class DisclosureAttachmentSerializer(serializers.Serializer):
    title = serializers.CharField(source="display_title")
    size = serializers.IntegerField(source="document.file_size", allow_null=True)
    url = serializers.SerializerMethodField()

    def get_url(self, item) -> str:
        return reverse("disclosure:attachment", args=[item.pk])


class DisclosureQuestionSerializer(serializers.ModelSerializer):
    asker = serializers.CharField(source="public_asker", help_text="匿名时为“匿名居民”")
    status_label = serializers.CharField(source="get_status_display")
    is_official_answer = serializers.SerializerMethodField(help_text="答复是否为村社官方答复")
    village = serializers.CharField(source="posting.target_grid.name")

    class Meta:
        model = Question
        fields = ["id", "posting_id", "village", "asker", "anonymous", "text", "status",
                  "status_label", "answer", "answered_at", "is_official_answer", "created_at"]

    def get_is_official_answer(self, question: Question) -> bool:
        return question.status == QuestionStatus.ANSWERED


class DisclosurePostingDetailSerializer(DisclosurePostingSerializer):
    body = serializers.SerializerMethodField(help_text="公开内容 HTML（名单已脱敏）")
    totals = serializers.SerializerMethodField(help_text="财务公开的期初、收入、支出、期末（元）")
    income_lines = serializers.SerializerMethodField()
    expense_lines = serializers.SerializerMethodField()
    attachments = DisclosureAttachmentSerializer(many=True)
    revisions = serializers.SerializerMethodField(help_text="公开与更正记录，从早到晚")
    questions = serializers.SerializerMethodField()

    class Meta(DisclosurePostingSerializer.Meta):
        fields = [*DisclosurePostingSerializer.Meta.fields, "supervisor_phone", "body", "totals",
                  "income_lines", "expense_lines", "attachments", "revisions", "questions"]

    def get_body(self, posting: PostingPage) -> str:
        return str(posting.body.render_as_block()) if posting.body else ""

    def get_totals(self, posting: PostingPage) -> dict[str, str | None] | None:
        if posting.kind != Kind.FINANCE:
            return None
        return {k: (str(v) if v is not None else None) for k, v in posting.totals().items()}

    def _lines(self, posting: PostingPage, direction: str) -> list:
        lines = [line for line in posting.finance_lines.all() if line.direction == direction]
        return DisclosureLineSerializer(lines, many=True).data

    def get_income_lines(self, posting: PostingPage) -> list[dict]:
        return self._lines(posting, figures.INCOME)

    def get_expense_lines(self, posting: PostingPage) -> list[dict]:
        return self._lines(posting, figures.EXPENSE)

    def get_revisions(self, posting: PostingPage) -> list[dict]:
        return DisclosureRevisionSerializer(posting.publications.order_by("number"), many=True).data

    def get_questions(self, posting: PostingPage) -> list[dict]:
        questions = services.visible_questions(posting, self.context["request"].user)
        return DisclosureQuestionSerializer(questions, many=True).data


class DisclosureMessageSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="中文说明")


class DisclosureAskSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="问题，5–500字")
    anonymous = serializers.BooleanField(default=False, help_text="对其他居民匿名")


class DisclosureAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(allow_blank=True, default="")
    status = serializers.ChoiceField(
        choices=[QuestionStatus.ANSWERED, QuestionStatus.OPEN, QuestionStatus.HIDDEN],
        default=QuestionStatus.ANSWERED, help_text="answered 公开答复 / open 待答复 / hidden 隐藏")


def _refused(message: str) -> Response:
    return Response({"detail": message}, status=status.HTTP_400_BAD_REQUEST)


def _posting_for(request: Request, pk: int) -> PostingPage:
    return get_object_or_404(services.with_counts(services.readable_postings(request.user)), pk=pk)


class DisclosurePostingListAPIView(generics.ListAPIView):
    """我能查看的公开事项（本村社；工作人员为负责范围内各村社），按期间从新到旧，分页。"""

    serializer_class = DisclosurePostingSerializer

    @extend_schema(tags=TAGS, operation_id="disclosure_postings_list", summary="公开事项列表",
                   parameters=[OpenApiParameter("kind", OpenApiTypes.STR, enum=Kind.values,
                                                description="party 党务 / village 村务 / finance 财务")])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        postings = services.with_counts(services.readable_postings(self.request.user))
        kind = self.request.query_params.get("kind")
        if kind in Kind.values:
            postings = postings.filter(kind=kind)
        return postings.order_by("-period_order", "target_grid__path", "kind", "-pk")


class DisclosurePostingDetailAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="disclosure_posting_detail", summary="公开事项详情",
                   responses=DisclosurePostingDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        posting = _posting_for(request, pk)
        return Response(DisclosurePostingDetailSerializer(posting, context={"request": request}).data)


class DisclosureQuestionsAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="disclosure_posting_questions", summary="事项的居民质询",
                   responses=DisclosureQuestionSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        posting = _posting_for(request, pk)
        questions = services.visible_questions(posting, request.user)
        return Response(DisclosureQuestionSerializer(questions, many=True).data)

    @extend_schema(tags=TAGS, operation_id="disclosure_posting_ask", summary="提出质询",
                   request=DisclosureAskSerializer,
                   responses={201: DisclosureQuestionSerializer, 400: DisclosureMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        posting = _posting_for(request, pk)
        form = QuestionForm({"text": request.data.get("text", ""),
                             "anonymous": bool(request.data.get("anonymous"))})
        if not form.is_valid():
            return _refused(next(iter(form.errors.values()))[0])
        try:
            question = services.ask_question(posting.pk, request.user, form.cleaned_data["text"],
                                             anonymous=form.cleaned_data["anonymous"],
                                             held=form.held)
        except services.DisclosureError as exc:
            return _refused(exc.messages[0])
        return Response(DisclosureQuestionSerializer(question).data, status=status.HTTP_201_CREATED)


class DisclosureQueueAPIView(generics.ListAPIView):
    """工作人员：负责范围内各村社的居民质询（默认待答复）。"""

    serializer_class = DisclosureQuestionSerializer

    @extend_schema(tags=TAGS, operation_id="disclosure_question_queue", summary="质询答复队列",
                   parameters=[OpenApiParameter("status", OpenApiTypes.STR,
                                                enum=QuestionStatus.values,
                                                description="默认 open 待答复")])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        wanted = self.request.query_params.get("status", QuestionStatus.OPEN)
        if wanted not in QuestionStatus.values:
            wanted = QuestionStatus.OPEN
        return (services.questions_in_scope(self.request.user).filter(status=wanted)
                .select_related("posting__target_grid", "asker").order_by("created_at"))


class DisclosureAnswerAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="disclosure_question_answer", summary="公开答复质询",
                   request=DisclosureAnswerSerializer,
                   responses={200: DisclosureQuestionSerializer, 400: DisclosureMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        data = DisclosureAnswerSerializer(data=request.data)
        if not data.is_valid():
            return _refused(_("请填写答复内容并选择有效的状态。"))
        if not services.questions_in_scope(request.user).filter(pk=pk).exists():
            return Response({"detail": _("该质询不存在或不在您负责的区域内。")},
                            status=status.HTTP_404_NOT_FOUND)
        try:
            question = services.update_question(pk, request.user, **data.validated_data)
        except services.DisclosureError as exc:
            return _refused(exc.messages[0])
        return Response(DisclosureQuestionSerializer(question).data)


urlpatterns = [
    path("postings/", DisclosurePostingListAPIView.as_view(), name="postings"),
    path("postings/<int:pk>/", DisclosurePostingDetailAPIView.as_view(), name="posting"),
    path("postings/<int:pk>/questions/", DisclosureQuestionsAPIView.as_view(), name="questions"),
    path("questions/", DisclosureQueueAPIView.as_view(), name="queue"),
    path("questions/<int:pk>/answer/", DisclosureAnswerAPIView.as_view(), name="answer"),
]
