"""Moderators' API under /api/livingroom/moderation/: queue + bulk, edit, bans.

Everything is scoped through ``moderation.*_in_scope``: a user without the
permission, or outside the community's subtree, sees an empty queue and gets
"找不到该内容" for any id — the same answer as for a missing one.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import moderation
from .models import Comment, Post
from .serializers import (
    LivingroomBanCreateSerializer,
    LivingroomBanSerializer,
    LivingroomBulkSerializer,
    LivingroomEditSerializer,
    LivingroomMessageSerializer,
    LivingroomQueueItemSerializer,
)
from .services import LivingroomError

TAGS = ["社区会客厅·管理"]
REFUSED = {400: LivingroomMessageSerializer}


def _refused(message: str) -> Response:
    return Response({"detail": message}, status=status.HTTP_400_BAD_REQUEST)


def _first_error(serializer) -> str:
    from .api import first_error

    return first_error(serializer)


def _item(obj: Post | Comment) -> dict:
    is_post = isinstance(obj, Post)
    community = obj.community if is_post else obj.post.community
    return {"id": obj.pk, "kind": "post" if is_post else "comment",
            "community": community.name, "author": obj.author.name,
            "title": obj.title if is_post else obj.post.title, "body": obj.body,
            "original_body": obj.original_body, "status": obj.status,
            "flag_count": obj.flag_count, "hold_words": obj.hold_words,
            "created_at": obj.created_at}


class LivingroomQueueAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="livingroom_moderation_queue",
                   summary="待处理内容（待审核、被举报、自动隐藏；举报多者在前）",
                   responses=LivingroomQueueItemSerializer(many=True))
    def get(self, request: Request) -> Response:
        posts, comments = moderation.queue(request.user)
        items = [_item(obj) for obj in [*posts, *comments]]
        return Response(LivingroomQueueItemSerializer(items, many=True).data)

    @extend_schema(tags=TAGS, operation_id="livingroom_moderation_bulk",
                   summary="批量操作：通过/恢复、隐藏、删除（全部成功或全部不执行）",
                   request=LivingroomBulkSerializer,
                   responses={200: LivingroomMessageSerializer, **REFUSED})
    def post(self, request: Request) -> Response:
        serializer = LivingroomBulkSerializer(data=request.data)
        if not serializer.is_valid():
            return _refused(_first_error(serializer))
        data = serializer.validated_data
        try:
            count = moderation.bulk(request.user, data["action"], data["posts"], data["comments"])
        except LivingroomError as exc:
            return _refused(exc.messages[0])
        return Response({"detail": _("已处理 %(n)s 项内容。") % {"n": count}})


class LivingroomEditAPIView(APIView):
    model: type[Post] | type[Comment] = Post

    @extend_schema(tags=TAGS, operation_id="livingroom_moderation_edit",
                   summary="管理员编辑内容（保留原文）", request=LivingroomEditSerializer,
                   responses={200: LivingroomQueueItemSerializer, **REFUSED})
    def post(self, request: Request, pk: int) -> Response:
        serializer = LivingroomEditSerializer(data=request.data)
        if not serializer.is_valid():
            return _refused(_first_error(serializer))
        try:
            obj = moderation.edit(request.user, self.model, pk,
                                  body=serializer.validated_data["body"],
                                  title=serializer.validated_data.get("title"))
        except LivingroomError as exc:
            return _refused(exc.messages[0])
        return Response(LivingroomQueueItemSerializer(_item(obj)).data)


class LivingroomCommentEditAPIView(LivingroomEditAPIView):
    model = Comment

    @extend_schema(tags=TAGS, operation_id="livingroom_moderation_edit_comment",
                   summary="管理员编辑评论（保留原文）", request=LivingroomEditSerializer,
                   responses={200: LivingroomQueueItemSerializer, **REFUSED})
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)


class LivingroomBansAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="livingroom_bans_list", summary="禁言记录",
                   responses=LivingroomBanSerializer(many=True))
    def get(self, request: Request) -> Response:
        bans = moderation.bans_in_scope(request.user).select_related("user", "community")[:200]
        return Response(LivingroomBanSerializer(bans, many=True).data)

    @extend_schema(tags=TAGS, operation_id="livingroom_bans_create",
                   summary="禁言居民（1/7/30 天，到期自动解除）",
                   request=LivingroomBanCreateSerializer,
                   responses={201: LivingroomBanSerializer, **REFUSED})
    def post(self, request: Request) -> Response:
        serializer = LivingroomBanCreateSerializer(data=request.data)
        if not serializer.is_valid():
            return _refused(_first_error(serializer))
        data = serializer.validated_data
        resident = get_user_model().objects.filter(pk=data["user"]).select_related(
            "home_grid").first()
        if resident is None:
            return _refused(_("该居民不在您管理的社区。"))
        try:
            record = moderation.ban(request.user, resident, days=int(data["days"]),
                                    reason=data["reason"])
        except LivingroomError as exc:
            return _refused(exc.messages[0])
        return Response(LivingroomBanSerializer(record).data, status=status.HTTP_201_CREATED)


class LivingroomBanLiftAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="livingroom_bans_lift", summary="提前解除禁言",
                   request=None, responses={200: LivingroomBanSerializer, **REFUSED})
    def post(self, request: Request, pk: int) -> Response:
        try:
            record = moderation.lift(request.user, pk)
        except LivingroomError as exc:
            return _refused(exc.messages[0])
        return Response(LivingroomBanSerializer(record).data)


urlpatterns = [
    path("moderation/", LivingroomQueueAPIView.as_view(), name="moderation"),
    path("moderation/posts/<int:pk>/edit/", LivingroomEditAPIView.as_view(), name="edit_post"),
    path("moderation/comments/<int:pk>/edit/", LivingroomCommentEditAPIView.as_view(),
         name="edit_comment"),
    path("moderation/bans/", LivingroomBansAPIView.as_view(), name="bans"),
    path("moderation/bans/<int:pk>/lift/", LivingroomBanLiftAPIView.as_view(), name="lift"),
]
