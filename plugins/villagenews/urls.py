"""Resident routes, mounted at /villagenews/ by the plugin host."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
]
