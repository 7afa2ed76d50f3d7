"""Authentication by mobile number and password, refused while throttled."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import throttling


class MobilePasswordBackend(ModelBackend):
    """ModelBackend keyed on ``mobile``; accepts ``mobile=`` or ``username=``.

    Wagtail's admin login form posts ``username``; our forms post ``mobile``.
    A mobile number or address locked by :mod:`core.identity.throttling` is
    refused before the password is checked (``PermissionDenied`` stops Django
    from trying other backends and still fires ``user_login_failed``).
    """

    def authenticate(self, request, username=None, password=None, mobile=None, **kw):
        login = mobile or username
        if login is not None and throttling.is_locked(str(login), throttling.client_ip(request)):
            raise PermissionDenied(str(throttling.LOCKED_MESSAGE))
        return super().authenticate(request, username=login, password=password, **kw)
