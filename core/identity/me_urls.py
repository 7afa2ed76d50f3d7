"""The resident's "我的" page lives at /me/ (global URL names, used by the tab bar)."""

from django.urls import path

from . import profile_views

urlpatterns = [
    path("me/", profile_views.me, name="me"),
    path("me/edit/", profile_views.me_edit, name="me_edit"),
    path("me/password/", profile_views.me_password, name="me_password"),
]
