"""Inbox API routes under /api/notifications/."""

from django.urls import path

from . import api

urlpatterns = [
    path("notifications/", api.NotificationListAPIView.as_view(), name="api-notifications"),
    path("notifications/read/", api.MarkReadAPIView.as_view(), name="api-notifications-read"),
    path("notifications/unread-count/", api.UnreadCountAPIView.as_view(),
         name="api-notifications-unread"),
]
