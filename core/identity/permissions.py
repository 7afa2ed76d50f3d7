"""DRF permissions (a module of its own: DRF imports it while loading its settings)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission


class ConsentGiven(BasePermission):
    """Signed-in users must have accepted the service agreement (see middleware.py).

    In REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"]: the API answers 403 with this
    message instead of redirecting to the consent page.
    """

    message = _("请先阅读并同意《用户服务协议》和《隐私政策》。")

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        return not (user and user.is_authenticated and not user.has_consented)
