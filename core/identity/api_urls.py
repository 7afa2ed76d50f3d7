"""Identity API routes, included at /api/ by core/urls.py."""

from django.urls import path

from . import api

urlpatterns = [
    path("auth/register/", api.RegisterView.as_view(), name="api-register"),
    path("auth/login/", api.LoginView.as_view(), name="api-login"),
    path("auth/sms/", api.SmsSendView.as_view(), name="api-sms-send"),
    path("auth/sms/verify/", api.SmsVerifyView.as_view(), name="api-sms-verify"),
    path("auth/logout/", api.LogoutView.as_view(), name="api-logout"),
    path("me/", api.MeView.as_view(), name="api-me"),
    path("me/consent/", api.ConsentView.as_view(), name="api-me-consent"),
    path("me/verification/", api.VerificationView.as_view(), name="api-me-verification"),
]
