"""Resident routes, mounted at /livingroom/ in the "livingroom" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.compose, name="compose"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/comment/", views.comment, name="comment"),
    path("<int:pk>/like/", views.like, name="like"),
    path("<int:pk>/flag/", views.flag, name="flag"),
    path("<int:pk>/comments/<int:comment_pk>/flag/", views.flag, name="flag_comment"),
]
