"""GET /api/search/?q= : the same results as the search page, as JSON."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .services import search_site


class SearchHitSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    summary = serializers.CharField()
    kind = serializers.CharField(help_text="结果类型，如“通知公告”")


class SearchPagination(PageNumberPagination):
    page_size = 10

    def get_paginated_response(self, data) -> Response:
        response = super().get_paginated_response(data)
        response.data["query"] = self.query
        response.data["terms"] = self.terms
        return response


class SearchAPIView(APIView):
    """站内搜索：通知公告与各应用的内容（中文分词）。未登录时只搜全站公开内容。"""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="搜索词"),
                    OpenApiParameter("page", OpenApiTypes.INT, description="页码")],
        responses=inline_serializer("SearchResults", {
            "count": serializers.IntegerField(),
            "next": serializers.CharField(allow_null=True),
            "previous": serializers.CharField(allow_null=True),
            "query": serializers.CharField(),
            "terms": serializers.ListField(child=serializers.CharField()),
            "results": SearchHitSerializer(many=True),
        }),
    )
    def get(self, request: Request) -> Response:
        results = search_site(request, request.query_params.get("q", ""))
        paginator = SearchPagination()
        paginator.query, paginator.terms = results.query, results.terms
        page = paginator.paginate_queryset(results.hits, request, view=self)
        return paginator.get_paginated_response(SearchHitSerializer(page, many=True).data)
