"""The resident's letters for the mini-program: list and write, read one with replies.

Always the requester's own letters; authentication and consent come from the
project's DRF defaults (IsAuthenticated + ConsentGiven).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers

from . import services
from .forms import BODY_MIN
from .models import Letter, Reply


class ReplySerializer(serializers.ModelSerializer):
    class Meta:
        model = Reply
        fields = ["signature", "body", "created_at"]


class LetterSerializer(serializers.ModelSerializer):
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    grid_name = serializers.CharField(source="grid.name", read_only=True)
    replies = ReplySerializer(many=True, read_only=True)
    subject = serializers.CharField(min_length=4, max_length=60)
    body = serializers.CharField(min_length=BODY_MIN, max_length=2000)

    class Meta:
        model = Letter
        fields = ["id", "category", "category_label", "subject", "body", "anonymous", "status",
                  "status_label", "grid_name", "created_at", "replied_at", "replies"]
        read_only_fields = ["status", "created_at", "replied_at"]

    def create(self, validated_data: dict) -> Letter:
        try:
            return services.write_letter(self.context["request"].user, **validated_data)
        except DjangoValidationError as error:
            raise serializers.ValidationError({"non_field_errors": error.messages}) from error


def _own_letters(request):
    return services.letters_of(request.user).prefetch_related("replies")


@extend_schema_view(
    get=extend_schema(summary="我的来信", tags=["mailbox"]),
    post=extend_schema(summary="写信（寄往本人居住网格所在的村、社区）", tags=["mailbox"]),
)
class LetterListCreateAPIView(generics.ListCreateAPIView):
    """我的来信，最新在前，分页；POST 写一封新来信。"""

    serializer_class = LetterSerializer

    def get_queryset(self):
        return _own_letters(self.request)


@extend_schema_view(get=extend_schema(summary="来信详情（含答复）", tags=["mailbox"]))
class LetterDetailAPIView(generics.RetrieveAPIView):
    """本人的一封来信及其答复；他人的来信为 404。"""

    serializer_class = LetterSerializer

    def get_queryset(self):
        return _own_letters(self.request)


urlpatterns = [
    path("letters/", LetterListCreateAPIView.as_view(), name="letters"),
    path("letters/<int:pk>/", LetterDetailAPIView.as_view(), name="letter"),
]
