"""The inbox API: list, mark read, unread count (always the requester's own messages)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Notification
from .services import mark_read, unread_count


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "title", "body", "url", "source", "created_at", "read_at", "is_read"]


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, allow_empty=True,
        help_text="要标为已读的消息编号",
    )
    all = serializers.BooleanField(required=False, default=False, help_text="为 true 时全部标为已读")

    def validate(self, attrs: dict) -> dict:
        if "ids" not in attrs and not attrs.get("all"):
            raise serializers.ValidationError(_("请提供要标为已读的消息编号 ids，或设置 all 为 true。"))
        return attrs


class NotificationListAPIView(generics.ListAPIView):
    """我的消息，最新在前，分页。"""

    serializer_class = NotificationSerializer

    def get_queryset(self):
        return Notification.objects.filter(recipient=self.request.user)


class MarkReadAPIView(APIView):
    """将指定消息（或全部消息）标为已读。"""

    @extend_schema(request=MarkReadSerializer, responses=inline_serializer("MarkReadResult", {
        "marked": serializers.IntegerField(), "unread": serializers.IntegerField(),
    }))
    def post(self, request: Request) -> Response:
        serializer = MarkReadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ids = serializer.validated_data.get("ids")  # None with "all": every message
        marked = mark_read(request.user, ids)
        return Response({"marked": marked, "unread": unread_count(request.user)})


class UnreadCountAPIView(APIView):
    """未读消息数（“我的”页和底部导航的角标）。"""

    @extend_schema(responses=inline_serializer("UnreadCount", {
        "unread": serializers.IntegerField(),
    }))
    def get(self, request: Request) -> Response:
        return Response({"unread": unread_count(request.user)})
