"""Resident routes, mounted at /court/ in the "court" namespace."""

from django.urls import path

from . import qa_views, views

urlpatterns = [
    path("", views.index, name="index"),
    path("slots/<int:pk>/book/", views.book, name="book"),
    path("bookings/", views.mine, name="mine"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking"),
    path("bookings/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("info/", views.info, name="info"),
    path("qa/", qa_views.qa_index, name="qa"),
    path("qa/ask/", qa_views.ask, name="ask"),
    path("qa/<int:pk>/", qa_views.question, name="question"),
    path("qa/<int:pk>/answer/", qa_views.answer, name="answer"),
]
