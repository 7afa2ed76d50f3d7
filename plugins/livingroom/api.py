"""The 社区会客厅 API for the mini-program, mounted at /api/livingroom/.

Same services as the pages, so refusals carry the same Chinese message:
``{"detail": "…"}`` with status 400 (nothing saved). Staff moderation routes are
in ``api_moderation.py`` and mounted under ``moderation/``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import api_moderation, services
from .images import clean_images
from .models import Post
from .serializers import (
    LivingroomCommentCreateSerializer,
    LivingroomFlagResultSerializer,
    LivingroomFlagSerializer,
    LivingroomLikeResultSerializer,
    LivingroomMessageSerializer,
    LivingroomPostCreateSerializer,
    LivingroomPostDetailSerializer,
    LivingroomPostSerializer,
    LivingroomSavedSerializer,
)
from .views import current_community, flag_threshold, post_for

TAGS = ["社区会客厅"]
REFUSED = {400: LivingroomMessageSerializer}


def refused(message: str) -> Response:
    return Response({"detail": message}, status=status.HTTP_400_BAD_REQUEST)


def first_error(serializer) -> str:
    errors = serializer.errors
    value = next(iter(errors.values())) if errors else [_("请求参数有误。")]
    while isinstance(value, list | dict):
        value = value[0] if isinstance(value, list) else next(iter(value.values()))
    return str(value)


class LivingroomPostsAPIView(generics.ListAPIView):
    """本社区会客厅的帖子（分页）；POST 发帖。"""

    serializer_class = LivingroomPostSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(tags=TAGS, operation_id="livingroom_posts_list", summary="社区会客厅帖子列表",
                   parameters=[OpenApiParameter("order", OpenApiTypes.STR, enum=["new", "hot"],
                                                description="new 最新（默认）/ hot 热门")])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        community = current_community(self.request)
        if community is None:
            return Post.objects.none()
        order = "hot" if self.request.query_params.get("order") == "hot" else "new"
        return services.feed(self.request.user, community, order)

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        context = {**self.get_serializer_context(), "liked": services.liked_ids(request.user, page)}
        return self.get_paginated_response(LivingroomPostSerializer(page, many=True,
                                                                    context=context).data)

    @extend_schema(tags=TAGS, operation_id="livingroom_posts_create", summary="发帖",
                   request={"multipart/form-data": LivingroomPostCreateSerializer,
                            "application/json": LivingroomPostCreateSerializer},
                   responses={201: LivingroomSavedSerializer, **REFUSED})
    def post(self, request: Request) -> Response:
        community = current_community(request)
        if community is None:
            return refused(_("请先选择居住网格。"))
        serializer = LivingroomPostCreateSerializer(data=request.data)
        if not serializer.is_valid():
            return refused(first_error(serializer))
        data = serializer.validated_data
        try:
            images = clean_images(request.FILES.getlist("images"))
            outcome = services.create_post(request.user, community, title=data["title"],
                                           body=data["body"], images=images)
        except ValidationError as exc:
            return refused(exc.messages[0])
        return Response({"detail": outcome.message, "id": outcome.obj.pk,
                         "status": outcome.obj.status}, status=status.HTTP_201_CREATED)


class LivingroomPostDetailAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="livingroom_post_detail", summary="帖子详情与评论",
                   responses=LivingroomPostDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        post = post_for(request, pk)
        context = {"request": request, "liked": services.liked_ids(request.user, [post]),
                   "comments": list(services.comments_for(request.user, post))}
        return Response(LivingroomPostDetailSerializer(post, context=context).data)


class LivingroomCommentAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="livingroom_comment_create", summary="发表评论",
                   request=LivingroomCommentCreateSerializer,
                   responses={201: LivingroomSavedSerializer, **REFUSED})
    def post(self, request: Request, pk: int) -> Response:
        post = post_for(request, pk)
        serializer = LivingroomCommentCreateSerializer(data=request.data)
        if not serializer.is_valid():
            return refused(first_error(serializer))
        try:
            outcome = services.add_comment(request.user, post, serializer.validated_data["body"])
        except services.LivingroomError as exc:
            return refused(exc.messages[0])
        return Response({"detail": outcome.message, "id": outcome.obj.pk,
                         "status": outcome.obj.status}, status=status.HTTP_201_CREATED)


class LivingroomLikeAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="livingroom_like", summary="点赞（每人一次）",
                   request=None, responses={200: LivingroomLikeResultSerializer, **REFUSED})
    def post(self, request: Request, pk: int) -> Response:
        post = post_for(request, pk)
        try:
            count = services.like(request.user, post)
        except services.LivingroomError as exc:
            return refused(exc.messages[0])
        return Response({"detail": _("已点赞。"), "like_count": count, "liked": True})

    @extend_schema(tags=TAGS, operation_id="livingroom_unlike", summary="取消点赞",
                   request=None, responses={200: LivingroomLikeResultSerializer})
    def delete(self, request: Request, pk: int) -> Response:
        post = post_for(request, pk)
        count = services.unlike(request.user, post)
        return Response({"detail": _("已取消点赞。"), "like_count": count, "liked": False})


class LivingroomFlagAPIView(APIView):
    @extend_schema(tags=TAGS, summary="举报帖子或评论（每人一次）",  # one view, two routes: ids from paths
                   request=LivingroomFlagSerializer,
                   responses={200: LivingroomFlagResultSerializer, **REFUSED})
    def post(self, request: Request, pk: int, comment_pk: int | None = None) -> Response:
        post = post_for(request, pk)
        target = post
        if comment_pk is not None:
            target = get_object_or_404(services.comments_for(request.user, post), pk=comment_pk)
        serializer = LivingroomFlagSerializer(data=request.data)
        if not serializer.is_valid():
            return refused(first_error(serializer))
        try:
            hidden = services.flag(request.user, target, reason=serializer.validated_data["reason"],
                                   detail=serializer.validated_data.get("detail", ""),
                                   threshold=flag_threshold(request))
        except services.LivingroomError as exc:
            return refused(exc.messages[0])
        return Response({"detail": _("举报已收到，感谢您帮助维护社区秩序。"), "hidden": hidden})


class LivingroomMineAPIView(generics.ListAPIView):
    """我的帖子（含待审核、被隐藏的）。"""

    serializer_class = LivingroomPostSerializer

    @extend_schema(tags=TAGS, operation_id="livingroom_mine", summary="我的帖子")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (Post.objects.filter(author=self.request.user).select_related("author", "community")
                .prefetch_related("images").order_by("-created_at"))


urlpatterns = [
    path("posts/", LivingroomPostsAPIView.as_view(), name="posts"),
    path("posts/<int:pk>/", LivingroomPostDetailAPIView.as_view(), name="post"),
    path("posts/<int:pk>/comments/", LivingroomCommentAPIView.as_view(), name="comment"),
    path("posts/<int:pk>/like/", LivingroomLikeAPIView.as_view(), name="like"),
    path("posts/<int:pk>/flag/", LivingroomFlagAPIView.as_view(), name="flag"),
    path("posts/<int:pk>/comments/<int:comment_pk>/flag/", LivingroomFlagAPIView.as_view(),
         name="flag_comment"),
    path("mine/", LivingroomMineAPIView.as_view(), name="mine"),
    *api_moderation.urlpatterns,
]
