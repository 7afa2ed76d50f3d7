"""Resident routes, mounted at /disclosure/ in the "disclosure" namespace.

Every route sits under a fixed prefix (mine/, postings/, attachments/) that a posting's
slug (its Chinese title) never takes, so Wagtail still serves /disclosure/<slug>/.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("postings/<int:pk>/ask/", views.ask, name="ask"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
]
