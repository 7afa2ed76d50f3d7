"""The grid API: a public picker for registration, grid cards, "my grid", staff scope."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny, IsAdminUser, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Grid, GridLevel
from .scoping import scope_queryset


class GridNodeSerializer(serializers.ModelSerializer):
    level_label = serializers.CharField(read_only=True, help_text="层级名称，如“村（社区）”")
    has_children = serializers.SerializerMethodField(help_text="是否有下级节点")

    class Meta:
        model = Grid
        fields = ["code", "name", "level", "level_label", "has_children"]

    def get_has_children(self, grid: Grid) -> bool:
        return grid.numchild > 0


class GridCardSerializer(GridNodeSerializer):
    """A node with its chain (root first) and its grid card (网格长与一键拨号)."""

    organisation_kind_label = serializers.CharField(
        source="get_organisation_kind_display", read_only=True
    )
    tel = serializers.CharField(source="tel_link", read_only=True,
                                help_text="一键拨号链接，如 tel:13800001111")
    chain = serializers.SerializerMethodField(help_text="从根节点到本节点的层级链")

    class Meta(GridNodeSerializer.Meta):
        fields = [*GridNodeSerializer.Meta.fields, "organisation_kind", "organisation_kind_label",
                  "organisation", "head_name", "head_phone", "tel", "chain"]

    @extend_schema(responses=GridNodeSerializer(many=True))
    def get_chain(self, grid: Grid) -> list[dict]:
        nodes = Grid.objects.filter(path__in=grid.chain_paths()).order_by("depth")
        return GridNodeSerializer(nodes, many=True).data


class ScopedGridSerializer(GridNodeSerializer):
    class Meta(GridNodeSerializer.Meta):
        fields = [*GridNodeSerializer.Meta.fields, "organisation", "head_name", "head_phone"]


def children_of(parent: Grid) -> QuerySet[Grid]:
    """Direct children as a path range, which every database answers from the path index."""
    first = parent.path + Grid.alphabet[0] * Grid.steplen
    last = parent.path + Grid.alphabet[-1] * Grid.steplen
    return Grid.objects.filter(path__range=(first, last), depth=parent.depth + 1)


@extend_schema(
    tags=["网格"], summary="网格节点列表（根节点或某节点的下级）",
    parameters=[OpenApiParameter("parent", OpenApiTypes.STR, description="上级节点区划代码")],
)
class GridListView(generics.ListAPIView):
    """Public (registration needs it): the roots, or ``?parent=CODE``'s children."""

    serializer_class = GridNodeSerializer
    permission_classes = [AllowAny]
    pagination_class = None

    def get_queryset(self) -> QuerySet[Grid]:
        code = self.request.query_params.get("parent", "").strip()
        if not code:
            return Grid.get_root_nodes()
        parent = Grid.objects.filter(code=code).only("path", "depth").first()
        if parent is None:
            raise Http404(_("上级节点不存在。"))
        return children_of(parent).order_by("path")


@extend_schema(tags=["网格"], summary="网格节点详情与网格名片")
class GridDetailView(generics.RetrieveAPIView):
    serializer_class = GridCardSerializer
    permission_classes = [AllowAny]
    queryset = Grid.objects.all()
    lookup_field = "code"


@extend_schema(tags=["网格"], summary="我的网格：居住网格的层级链和网格名片",
               responses=GridCardSerializer)
class MyGridView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        grid = getattr(request.user, "home_grid", None)
        if grid is None:
            raise Http404(_("您还没有设置居住网格。"))
        return Response(GridCardSerializer(grid).data)


@extend_schema(
    tags=["网格"], summary="工作人员负责范围内的网格节点（分页）",
    parameters=[OpenApiParameter("level", OpenApiTypes.STR, enum=GridLevel.values,
                                 description="只列出该层级")],
)
class ScopeGridListView(generics.ListAPIView):
    """Staff only: every node of the user's subtree, through ``scope_queryset``."""

    serializer_class = ScopedGridSerializer
    permission_classes = [IsAdminUser]

    def get_queryset(self) -> QuerySet[Grid]:
        queryset = scope_queryset(self.request.user, Grid.objects.all(), "").order_by("path")
        level = self.request.query_params.get("level")
        if level in GridLevel.values:
            queryset = queryset.filter(level=level)
        return queryset
