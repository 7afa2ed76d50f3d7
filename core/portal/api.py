"""The portal's JSON API for the mini-program: home, notices."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.rich_text import expand_db_html

from .models import NoticePage, notices_visible_to
from .services import grid_card, reader_grid, tiles_for


class TileSerializer(serializers.Serializer):
    slug = serializers.CharField()
    label = serializers.CharField(help_text="应用名称（随界面语言）")
    icon = serializers.CharField(source="icon_url", help_text="图标地址；为空时显示名称首字")
    colour = serializers.CharField()
    url = serializers.CharField(help_text="应用页面地址")


class HomeGridCardSerializer(serializers.Serializer):
    name = serializers.CharField()
    level = serializers.CharField()
    head_name = serializers.CharField()
    head_phone = serializers.CharField()
    tel = serializers.CharField(source="tel_link", help_text="一键拨号链接")
    organisation = serializers.CharField()


class NoticeSerializer(serializers.ModelSerializer):
    target_grid = serializers.SerializerMethodField(help_text="发布范围；null 表示全站")
    published_at = serializers.DateTimeField(source="first_published_at")
    url = serializers.SerializerMethodField()

    class Meta:
        model = NoticePage
        fields = ["id", "title", "summary", "is_pinned", "target_grid", "published_at", "url"]

    def get_target_grid(self, notice: NoticePage) -> str | None:
        return notice.target_grid.name if notice.target_grid_id else None

    def get_url(self, notice: NoticePage) -> str:
        return notice.get_url(self.context.get("request")) or ""


class NoticeDetailSerializer(NoticeSerializer):
    body = serializers.SerializerMethodField(help_text="正文 HTML")

    class Meta(NoticeSerializer.Meta):
        fields = [*NoticeSerializer.Meta.fields, "body"]

    def get_body(self, notice: NoticePage) -> str:
        return expand_db_html(notice.body)


class HomeAPIView(APIView):
    """首页：应用宫格、最新通知公告与网格卡片（未登录也可访问）。"""

    permission_classes = [AllowAny]

    @extend_schema(responses=inline_serializer("Home", {
        "tiles": TileSerializer(many=True),
        "notices": NoticeSerializer(many=True),
        "grid_card": HomeGridCardSerializer(allow_null=True),
    }))
    def get(self, request: Request) -> Response:
        grid = reader_grid(request)
        card = grid_card(grid)
        notices = notices_visible_to(grid)[:5]
        return Response({
            "tiles": TileSerializer(tiles_for(request), many=True).data,
            "notices": NoticeSerializer(notices, many=True, context={"request": request}).data,
            "grid_card": HomeGridCardSerializer(card).data if card else None,
        })


class NoticeListAPIView(generics.ListAPIView):
    """当前用户可见的通知公告（本网格及上级网格、全站），置顶在前，分页。"""

    permission_classes = [AllowAny]
    serializer_class = NoticeSerializer

    def get_queryset(self):
        return notices_visible_to(reader_grid(self.request))


class NoticeDetailAPIView(generics.RetrieveAPIView):
    """一条通知公告的全文；对当前用户不可见时返回 404。"""

    permission_classes = [AllowAny]
    serializer_class = NoticeDetailSerializer

    def get_object(self) -> NoticePage:
        notice = notices_visible_to(reader_grid(self.request)).filter(pk=self.kwargs["pk"]).first()
        if notice is None:
            raise Http404
        return notice
