"""Authentication by mobile number and password."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend


class MobilePasswordBackend(ModelBackend):
    """ModelBackend keyed on ``mobile``; accepts ``mobile=`` or ``username=``.

    Wagtail's admin login form posts ``username``; our forms post ``mobile``.
    """

    def authenticate(self, request, username=None, password=None, mobile=None, **kw):
        return super().authenticate(request, username=mobile or username, password=password, **kw)
