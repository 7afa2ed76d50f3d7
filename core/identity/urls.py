"""Sign-up, login and consent under /accounts/."""

from django.urls import path

from . import profile_views, views

app_name = "identity"

urlpatterns = [
    path("register/", views.register, name="register"),
    path("login/", views.login_view, name="login"),
    path("login/sms/", views.sms_login, name="sms_login"),
    path("logout/", views.logout_view, name="logout"),
    path("consent/", views.consent, name="consent"),
    path("verification/", profile_views.verification_request, name="verification"),
]
