"""Portal API routes under /api/."""

from django.urls import path

from . import api

urlpatterns = [
    path("home/", api.HomeAPIView.as_view(), name="api-home"),
    path("notices/", api.NoticeListAPIView.as_view(), name="api-notices"),
    path("notices/<int:pk>/", api.NoticeDetailAPIView.as_view(), name="api-notice-detail"),
]
