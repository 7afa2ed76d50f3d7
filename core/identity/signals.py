"""Login audit and throttling: Wagtail logs content actions, not logins."""

from __future__ import annotations

import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from . import throttling
from .idcard import mask_mobile

logger = logging.getLogger("jiayuan.identity")


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs) -> None:
    logger.info("login ok user=%s ip=%s", user.pk, _ip(request))
    throttling.reset(user.mobile)


@receiver(user_login_failed)
def log_login_failure(sender, credentials, request=None, **kwargs) -> None:
    mobile = str(credentials.get("mobile") or credentials.get("username") or "")
    logger.warning("login failed mobile=%s ip=%s", mask_mobile(mobile), _ip(request))
    throttling.record_failure(mobile, throttling.client_ip(request))


def _ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "-") if request is not None else "-"
