"""The inbox under /inbox/ (global URL names: the tab bar links to "inbox")."""

from django.urls import path

from . import views

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/", views.detail, name="inbox_detail"),
    path("inbox/read-all/", views.read_all, name="inbox_read_all"),
]
