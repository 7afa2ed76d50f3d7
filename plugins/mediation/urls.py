"""Resident routes, mounted at /mediation/ in the "mediation" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    path("agreements/<int:pk>/", views.agreement, name="agreement"),
]
