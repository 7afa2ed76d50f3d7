"""SMS-code login: a six-digit code in the cache, sent through the SMS channel.

A code lives five minutes and survives five wrong guesses; a number can ask for
a new one every sixty seconds. Codes go only to registered, active accounts, but
the caller cannot tell (the answer is the same), so the form does not reveal who
is registered. Wrong codes count towards the login throttle as well.
"""

from __future__ import annotations

import hmac
import secrets
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils.translation import gettext as _

from core.notifications.channels import sms_backend

from . import throttling

CODE_TTL_SECONDS = 5 * 60
RESEND_INTERVAL_SECONDS = 60
MAX_ATTEMPTS = 5


class SmsLoginError(Exception):
    """A refusal with a message for the resident."""


def _code_key(mobile: str) -> str:
    return f"identity:sms-code:{mobile}"


def _sent_key(mobile: str) -> str:
    return f"identity:sms-sent:{mobile}"


def send_login_code(mobile: str) -> None:
    """Text a fresh login code to ``mobile`` (silently nothing for unknown numbers).

    Raises :class:`SmsLoginError` when asked again within the resend interval.
    """
    if not cache.add(_sent_key(mobile), 1, RESEND_INTERVAL_SECONDS):
        raise SmsLoginError(_("验证码发送过于频繁，请60秒后再试。"))
    if not get_user_model()._default_manager.filter(mobile=mobile, is_active=True).exists():
        return
    code = f"{secrets.randbelow(10**6):06d}"
    cache.set(_code_key(mobile), {"code": code, "attempts": 0, "expires": time.time() + CODE_TTL_SECONDS}, CODE_TTL_SECONDS)
    text = _("【嘉园】您的登录验证码是%(code)s，5分钟内有效。如非本人操作，请忽略本短信。") % {
        "code": code
    }
    sms_backend().send(mobile, text)


def verify_login_code(mobile: str, code: str, request: Any = None):
    """Return the user whose code this is, or raise :class:`SmsLoginError`."""
    ip = throttling.client_ip(request)
    if throttling.is_locked(mobile, ip):
        raise SmsLoginError(str(throttling.LOCKED_MESSAGE))
    stored = cache.get(_code_key(mobile))
    if stored is None:
        throttling.record_failure(mobile, ip)
        raise SmsLoginError(_("验证码已过期或未发送，请重新获取。"))
    if not hmac.compare_digest(stored["code"], code or ""):
        throttling.record_failure(mobile, ip)
        stored["attempts"] += 1
        if stored["attempts"] >= MAX_ATTEMPTS:
            cache.delete(_code_key(mobile))
            raise SmsLoginError(_("验证码错误次数过多，请重新获取。"))
        remaining = max(1, int(stored["expires"] - time.time()))
        cache.set(_code_key(mobile), stored, remaining)
        raise SmsLoginError(_("验证码不正确，请核对后重新输入。"))
    cache.delete(_code_key(mobile))
    user = get_user_model()._default_manager.filter(mobile=mobile, is_active=True).first()
    if user is None:
        raise SmsLoginError(_("该手机号未注册或已停用。"))
    return user
