"""API refusals: ``{"detail": "<Chinese message>"}`` with status 400, as on the pages."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers, status
from rest_framework.response import Response

from .services import CourtError


def refused(exc: CourtError) -> Response:
    return Response({"detail": exc.messages[0]}, status=status.HTTP_400_BAD_REQUEST)


def first_error(serializer: serializers.Serializer) -> Response:
    """The first error, named by the field's Chinese label: "纠纷焦点：该字段是必填项。"."""
    field, errors = next(iter(serializer.errors.items()))
    message = errors[0] if isinstance(errors, list) else str(errors)
    label = getattr(serializer.fields.get(field), "label", None) or field
    return Response({"detail": _("%(field)s：%(error)s") % {"field": label, "error": message}},
                    status=status.HTTP_400_BAD_REQUEST)
