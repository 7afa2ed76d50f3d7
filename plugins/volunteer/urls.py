"""Resident routes, mounted at /volunteer/ in the "volunteer" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("certificate/", views.certificate, name="certificate"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/signup/", views.sign_up, name="signup"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/checkin/", views.check_in, name="checkin"),
]
