"""GET /api/villagenews/ (and /<id>/): the news the current user may read, for the mini-program."""

from __future__ import annotations

from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from core.portal.services import reader_grid

from .models import VillageNewsPage
from .services import THUMBNAIL, news_visible_to


class NewsSerializer(serializers.ModelSerializer):
    target_grid = serializers.SerializerMethodField(help_text="发布范围；null 表示全站")
    cover = serializers.SerializerMethodField(help_text="封面缩略图地址；没有封面时为空")
    tags = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField(source="first_published_at")
    url = serializers.SerializerMethodField(help_text="网页地址")

    class Meta:
        model = VillageNewsPage
        fields = ["id", "title", "date", "summary", "target_grid", "cover", "tags",
                  "published_at", "url"]

    def get_target_grid(self, news: VillageNewsPage) -> str | None:
        return news.target_grid.name if news.target_grid_id else None

    def get_cover(self, news: VillageNewsPage) -> str:
        # news_visible_to prefetched this rendition: no query per row once generated.
        return news.cover.get_rendition(THUMBNAIL).url if news.cover else ""

    def get_tags(self, news: VillageNewsPage) -> list[str]:
        return news.tag_names

    def get_url(self, news: VillageNewsPage) -> str:
        return news.get_url(self.context.get("request")) or ""


class NewsDetailSerializer(NewsSerializer):
    body = serializers.SerializerMethodField(help_text="正文 HTML（段落与图片）")

    class Meta(NewsSerializer.Meta):
        fields = [*NewsSerializer.Meta.fields, "body"]

    def get_body(self, news: VillageNewsPage) -> str:
        return str(news.body.render_as_block())


@extend_schema_view(get=extend_schema(summary="村情动态列表", tags=["villagenews"]))
class NewsListAPIView(generics.ListAPIView):
    """当前用户可见的村情动态（全站及本人网格所在的各级网格），按日期从新到旧，分页。"""

    # Like notices: visitors may read whole-site news without logging in.
    permission_classes = [AllowAny]
    serializer_class = NewsSerializer

    def get_queryset(self):
        return news_visible_to(reader_grid(self.request))


@extend_schema_view(get=extend_schema(summary="村情动态全文", tags=["villagenews"]))
class NewsDetailAPIView(generics.RetrieveAPIView):
    """一条村情动态的全文；对当前用户不可见时返回 404。"""

    permission_classes = [AllowAny]
    serializer_class = NewsDetailSerializer

    def get_object(self) -> VillageNewsPage:
        news = news_visible_to(reader_grid(self.request)).filter(pk=self.kwargs["pk"]).first()
        if news is None:
            raise Http404
        return news


urlpatterns = [
    path("", NewsListAPIView.as_view(), name="list"),
    path("<int:pk>/", NewsDetailAPIView.as_view(), name="detail"),
]
