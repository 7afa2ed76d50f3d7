"""GET /api/hotline/: the directory the reader may see, for the mini-program."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.portal.services import reader_grid

from . import services
from .models import HotlineEntry


class EntrySerializer(serializers.ModelSerializer):
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    tel_link = serializers.CharField(read_only=True)
    grid_name = serializers.SerializerMethodField()

    class Meta:
        model = HotlineEntry
        fields = ["id", "category", "category_label", "name", "number", "tel_link",
                  "description", "hours", "grid_name"]

    def get_grid_name(self, entry: HotlineEntry) -> str:
        return entry.grid.name if entry.grid_id else ""


class GroupSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    entries = EntrySerializer(many=True)


class ContactSerializer(serializers.Serializer):
    role = serializers.CharField()
    name = serializers.CharField()
    grid_name = serializers.CharField()
    phone = serializers.CharField()
    tel_link = serializers.CharField()


class DirectorySerializer(serializers.Serializer):
    groups = GroupSerializer(many=True)
    grid_contacts = ContactSerializer(many=True)


class DirectoryAPIView(APIView):
    """便民热线目录：按分类分组的号码，以及本人所在网格、社区负责人的电话。"""

    # Public numbers (110, 120 …) are for visitors too; grid-bound ones need a home grid.
    permission_classes = [AllowAny]

    @extend_schema(summary="便民热线目录", tags=["hotline"], responses=DirectorySerializer)
    def get(self, request: Request) -> Response:
        grid = reader_grid(request)
        groups = services.group_by_category(list(services.visible_entries(grid)))
        data = {"groups": groups, "grid_contacts": services.grid_contacts(grid)}
        return Response(DirectorySerializer(data).data)


urlpatterns = [path("", DirectoryAPIView.as_view(), name="directory")]
