"""The 网格议事 API for the mini-program, mounted at /api/deliberation/ (residents' part).

Same services as the pages, so refusals carry the same Chinese message:
``{"detail": "…"}`` with status 400. Staff actions are in ``api_staff``.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.grids.scoping import can_access
from core.portal.services import reader_grid

from . import api_staff
from . import serializers as s
from .models import Poll, Suggestion
from .services import DeliberationError
from .services import decisions as decision_services
from .services import polls as poll_services
from .services import topics as topic_services

TAGS = ["网格议事"]


def refused(exc: DeliberationError) -> Response:
    return Response({"detail": exc.messages[0]}, status=status.HTTP_400_BAD_REQUEST)


def invalid(serializer) -> Response:
    """The first validation message, as a sentence (the pages show the same)."""
    field, errors = next(iter(serializer.errors.items()))
    message = errors[0] if isinstance(errors, list) else str(errors)
    return Response({"detail": _("%(field)s：%(msg)s") % {"field": field, "msg": message}},
                    status=status.HTTP_400_BAD_REQUEST)


def _poll_for(request: Request, pk: int) -> Poll:
    poll = get_object_or_404(Poll.objects.select_related("grid"), pk=pk)
    visible = poll_services.visible_polls(reader_grid(request)).filter(pk=pk).exists()
    if not visible and not (request.user.is_staff and can_access(request.user, poll)):
        from django.http import Http404

        raise Http404
    return poll


class PollListAPIView(generics.ListAPIView):
    """我所在区域的民主投票（居住网格及其上级发布的），分页。"""

    serializer_class = s.DeliberationPollSerializer

    @extend_schema(tags=TAGS, operation_id="deliberation_polls_list", summary="民主投票列表",
                   parameters=[OpenApiParameter("show", OpenApiTypes.STR, enum=["open", "closed"],
                                                description="open 进行中及未开始（默认）/ closed 已结束")])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        polls = poll_services.visible_polls(reader_grid(self.request)).prefetch_related("choices")
        if self.request.query_params.get("show") == "closed":
            return polls.filter(closes_at__lte=timezone.now()).order_by("-closes_at")
        return polls.filter(closes_at__gt=timezone.now()).order_by("closes_at")

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        context = {**self.get_serializer_context(),
                   "mine": poll_services.my_ballots(request.user, page)}
        return self.get_paginated_response(s.DeliberationPollSerializer(page, many=True,
                                                                        context=context).data)


class PollDetailAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="deliberation_poll_detail", summary="投票详情",
                   responses=s.DeliberationPollSerializer)
    def get(self, request: Request, pk: int) -> Response:
        poll = _poll_for(request, pk)
        return Response(s.DeliberationPollSerializer(poll, context={
            "mine": poll_services.my_ballots(request.user, [poll])}).data)


class VoteAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="deliberation_poll_vote", summary="投票（每人一票）",
                   request=s.DeliberationVoteRequestSerializer,
                   responses={200: s.DeliberationVoteResultSerializer,
                              400: s.DeliberationMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        poll = _poll_for(request, pk)
        serializer = s.DeliberationVoteRequestSerializer(data=request.data)
        if not serializer.is_valid():
            return Response({"detail": _("请选择投票选项。")}, status=status.HTTP_400_BAD_REQUEST)
        try:
            ballot = poll_services.vote(poll.pk, request.user, serializer.validated_data["choices"])
        except DeliberationError as exc:
            return refused(exc)
        return Response({"detail": _("投票成功，感谢您的参与！"), "points": ballot.points_awarded})


class ResultsAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="deliberation_poll_results", summary="投票结果",
                   responses={200: s.DeliberationResultsSerializer,
                              400: s.DeliberationMessageSerializer})
    def get(self, request: Request, pk: int) -> Response:
        poll = _poll_for(request, pk)
        staff = request.user.is_staff and can_access(request.user, poll)
        if not (poll.results_visible() or staff):
            return Response({"detail": _("本投票结果将在投票结束后公布。")},
                            status=status.HTTP_400_BAD_REQUEST)
        results = poll_services.results(poll)
        data = {"ballots": results.ballots, "choices": [vars(c) for c in results.choices]}
        if staff:
            _ballots, data["eligible"], data["turnout"] = poll_services.turnout(poll)
        return Response(s.DeliberationResultsSerializer(data).data)


class TopicListAPIView(generics.ListAPIView):
    serializer_class = s.DeliberationTopicSerializer

    @extend_schema(tags=TAGS, operation_id="deliberation_topics_list", summary="议题列表")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return topic_services.visible_topics(reader_grid(self.request)).order_by("status",
                                                                                  "-created_at")


class TopicDetailAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="deliberation_topic_detail", summary="议题与居民意见",
                   responses=s.DeliberationTopicSerializer)
    def get(self, request: Request, pk: int) -> Response:
        topic = get_object_or_404(topic_services.visible_topics(reader_grid(request)), pk=pk)
        data = s.DeliberationTopicSerializer(topic).data
        data["opinion_list"] = s.DeliberationOpinionSerializer(
            topic_services.opinions_of(topic), many=True).data
        return Response(data)


class OpinionAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="deliberation_topic_opinion", summary="发表意见",
                   request=s.DeliberationOpinionRequestSerializer,
                   responses={201: s.DeliberationMessageSerializer,
                              400: s.DeliberationMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        topic = get_object_or_404(topic_services.visible_topics(reader_grid(request)), pk=pk)
        serializer = s.DeliberationOpinionRequestSerializer(data=request.data)
        if not serializer.is_valid():
            return invalid(serializer)
        try:
            opinion = topic_services.add_opinion(topic.pk, request.user,
                                                 serializer.validated_data["body"],
                                                 serializer.validated_data.get("parent"))
        except DeliberationError as exc:
            return refused(exc)
        return Response({"detail": opinion.held_message or _("意见已发表。")},
                        status=status.HTTP_201_CREATED)


class SuggestionListAPIView(generics.ListAPIView):
    """本社区的居民建议，按附议人数排序；POST 提出建议。"""

    serializer_class = s.DeliberationSuggestionSerializer

    @extend_schema(tags=TAGS, operation_id="deliberation_suggestions_list", summary="居民建议（按附议排序）")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return topic_services.ranked(topic_services.visible_suggestions(reader_grid(self.request)))

    @extend_schema(tags=TAGS, operation_id="deliberation_suggestion_create", summary="提出建议",
                   request=s.DeliberationSuggestionRequestSerializer,
                   responses={201: s.DeliberationSuggestionSerializer,
                              400: s.DeliberationMessageSerializer})
    def post(self, request: Request) -> Response:
        serializer = s.DeliberationSuggestionRequestSerializer(data=request.data)
        if not serializer.is_valid():
            return invalid(serializer)
        try:
            suggestion = topic_services.make_suggestion(request.user, **serializer.validated_data)
        except DeliberationError as exc:
            return refused(exc)
        suggestion = topic_services.with_supports(Suggestion.objects.filter(pk=suggestion.pk)).get()
        return Response(s.DeliberationSuggestionSerializer(suggestion).data,
                        status=status.HTTP_201_CREATED)


def _suggestion_for(request: Request, pk: int) -> Suggestion:
    return get_object_or_404(topic_services.visible_suggestions(reader_grid(request)), pk=pk)


class SuggestionDetailAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="deliberation_suggestion_detail", summary="建议详情",
                   responses=s.DeliberationSuggestionSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.DeliberationSuggestionSerializer(_suggestion_for(request, pk)).data)


class SupportAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="deliberation_suggestion_support", summary="附议（每人一次）",
                   request=None, responses={200: s.DeliberationMessageSerializer,
                                            400: s.DeliberationMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        suggestion = _suggestion_for(request, pk)
        try:
            topic_services.support(suggestion.pk, request.user)
        except DeliberationError as exc:
            return refused(exc)
        return Response({"detail": _("已附议，感谢您的支持。")})


class DecisionListAPIView(generics.ListAPIView):
    serializer_class = s.DeliberationDecisionSerializer

    @extend_schema(tags=TAGS, operation_id="deliberation_decisions_list", summary="五议两公开（已公开）")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return decision_services.published_decisions(reader_grid(self.request)).prefetch_related(
            "steps")


class DecisionDetailAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="deliberation_decision_detail", summary="决策事项及过程",
                   responses=s.DeliberationDecisionSerializer)
    def get(self, request: Request, pk: int) -> Response:
        decision = get_object_or_404(decision_services.published_decisions(reader_grid(request)),
                                     pk=pk)
        return Response(s.DeliberationDecisionSerializer(decision).data)


urlpatterns = [
    path("polls/", PollListAPIView.as_view(), name="polls"),
    path("polls/<int:pk>/", PollDetailAPIView.as_view(), name="poll"),
    path("polls/<int:pk>/vote/", VoteAPIView.as_view(), name="vote"),
    path("polls/<int:pk>/results/", ResultsAPIView.as_view(), name="results"),
    path("topics/", TopicListAPIView.as_view(), name="topics"),
    path("topics/<int:pk>/", TopicDetailAPIView.as_view(), name="topic"),
    path("topics/<int:pk>/opinions/", OpinionAPIView.as_view(), name="opinions"),
    path("suggestions/", SuggestionListAPIView.as_view(), name="suggestions"),
    path("suggestions/<int:pk>/", SuggestionDetailAPIView.as_view(), name="suggestion"),
    path("suggestions/<int:pk>/support/", SupportAPIView.as_view(), name="support"),
    path("decisions/", DecisionListAPIView.as_view(), name="decisions"),
    path("decisions/<int:pk>/", DecisionDetailAPIView.as_view(), name="decision"),
    *api_staff.urlpatterns,
]
