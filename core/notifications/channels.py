"""Outbound channels behind one interface. Development backends write to the log.

A deployment points ``JIAYUAN_SMS_BACKEND`` / ``JIAYUAN_WECHAT_BACKEND`` at a
class implementing the same ``send`` method for its carrier or WeChat account.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from core.identity.idcard import mask_mobile

logger = logging.getLogger("jiayuan.notifications")


class SmsBackend(Protocol):
    def send(self, mobile: str, text: str) -> None:
        """Send one text message to a mainland mobile number."""


class WeChatBackend(Protocol):
    def send(self, user, title: str, body: str, url: str) -> None:
        """Send one template message to a user's bound WeChat account."""


class LoggingSmsBackend:
    """Development: the message (including any login code) goes to the log."""

    sent: list[tuple[str, str]] = []  # the last messages, for tests and the demo

    def send(self, mobile: str, text: str) -> None:
        logger.info("SMS to %s: %s", mask_mobile(mobile), text)
        LoggingSmsBackend.sent = [*LoggingSmsBackend.sent[-49:], (mobile, text)]


class LoggingWeChatBackend:
    sent: list[tuple[int, str]] = []

    def send(self, user, title: str, body: str, url: str) -> None:
        logger.info("WeChat template message to user %s: %s", user.pk, title)
        LoggingWeChatBackend.sent = [*LoggingWeChatBackend.sent[-49:], (user.pk, title)]


@cache
def _load(path: str):
    return import_string(path)()


def sms_backend() -> SmsBackend:
    return _load(settings.JIAYUAN_SMS_BACKEND)


def wechat_backend() -> WeChatBackend:
    return _load(settings.JIAYUAN_WECHAT_BACKEND)
