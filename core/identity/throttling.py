"""Login throttling: failures counted in Django's cache per mobile number and per IP.

After ``settings.LOGIN_MAX_FAILURES`` failures within ``LOGIN_LOCKOUT_SECONDS`` the
mobile number (or the address) is refused, even with the right password, until the
window runs out. Password login, SMS-code login, the API and the Wagtail admin
login all pass through here: the authentication backend refuses a locked login and
the ``user_login_failed`` signal counts every failure.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

LOCKED_MESSAGE = _("登录失败次数过多，请15分钟后再试")


def client_ip(request: Any) -> str:
    """The client's address as the server saw it ("" without a request)."""
    if request is None:
        return ""
    return str(getattr(request, "META", {}).get("REMOTE_ADDR", "") or "")


def _keys(mobile: str, ip: str) -> list[str]:
    keys = []
    if mobile:
        keys.append(f"identity:login-fail:m:{mobile}")
    if ip:
        keys.append(f"identity:login-fail:ip:{ip}")
    return keys


def is_locked(mobile: str = "", ip: str = "") -> bool:
    """True if the mobile number or the address has used up its failures."""
    keys = _keys(mobile, ip)
    if not keys:
        return False
    counts = cache.get_many(keys)
    return any(count >= settings.LOGIN_MAX_FAILURES for count in counts.values())


def is_request_locked(request: Any, mobile: str = "") -> bool:
    return is_locked(mobile, client_ip(request))


def record_failure(mobile: str = "", ip: str = "") -> None:
    """Count one failed login; the window starts at the first failure."""
    for key in _keys(mobile, ip):
        cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, settings.LOGIN_LOCKOUT_SECONDS)


def reset(mobile: str) -> None:
    """Forget a number's failures after a successful login (the address keeps its count)."""
    cache.delete_many(_keys(mobile, ""))
