"""The site-search page at /search/ (global URL name "search", used by the tab bar)."""

from django.urls import path

from . import views

urlpatterns = [path("search/", views.search, name="search")]
