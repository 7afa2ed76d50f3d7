"""The one notification service plugins call: ``notify(user, title, ...)``."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from .channels import sms_backend, wechat_backend
from .models import Notification

logger = logging.getLogger("jiayuan.notifications")

INBOX, SMS, WECHAT = "inbox", "sms", "wechat"


def notify(
    user,
    title: str,
    body: str = "",
    *,
    url: str = "",
    source: str = "",
    channels: Iterable[str] = (INBOX,),
) -> Notification | None:
    """Put a message in the user's inbox and/or send it by SMS or WeChat.

    External channels are sent after the surrounding transaction commits, so a
    rolled-back action never texts anyone; a channel failure is logged, not raised.
    """
    channels = set(channels)
    message = None
    if INBOX in channels:
        message = Notification.objects.create(
            recipient=user, title=title, body=body, url=url, source=source
        )

    def send_external() -> None:
        try:
            if SMS in channels and user.mobile:
                sms_backend().send(user.mobile, f"【嘉园】{title} {body}".strip())
            if WECHAT in channels:
                wechat_backend().send(user, title, body, url)
        except Exception:  # noqa: BLE001 — a carrier outage must not break the caller
            logger.exception("notification channel failed for user %s", user.pk)

    if channels & {SMS, WECHAT}:
        transaction.on_commit(send_external)
    return message


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's messages read (all of them when ``ids`` is None)."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())
