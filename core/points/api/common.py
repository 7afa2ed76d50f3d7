"""Helpers of the points API: Chinese errors in one shape, permission checks."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from ..rules import rule_labels

TAGS = ["积分"]
STAFF_TAGS = ["积分管理"]


def form_errors(form: Any, code: int = status.HTTP_400_BAD_REQUEST) -> Response:
    """``{"detail": first message, "errors": {field: [...]}}``, as the identity API."""
    errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
    first = next(iter(errors.values()), [_("提交的信息有误。")])[0]
    return Response({"detail": first, "errors": errors}, status=code)


def refusal(error: ValidationError | str, code: int = status.HTTP_400_BAD_REQUEST) -> Response:
    """A refused operation (a PointsError, or a message) in the same error shape."""
    messages = [error] if isinstance(error, str) else [str(m) for m in error.messages]
    return Response({"detail": messages[0], "errors": {"__all__": messages}}, status=code)


class PointsPagination(PageNumberPagination):
    page_size = 20


def has_perm(permission: str) -> type[BasePermission]:
    """A DRF permission class requiring a Django permission (the scope limits rows)."""

    class HasPermission(BasePermission):
        message = _("您没有权限进行此操作。")

        def has_permission(self, request: Any, view: Any) -> bool:
            return bool(request.user and request.user.has_perm(permission))

    HasPermission.__name__ = f"Has_{permission.replace('.', '_')}"
    return HasPermission


class LabelsContextMixin:
    """Rule labels computed once per request, not once per serialized row."""

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        context["labels"] = rule_labels()
        return context
