"""Search API route under /api/."""

from django.urls import path

from . import api

urlpatterns = [path("search/", api.SearchAPIView.as_view(), name="api-search")]
