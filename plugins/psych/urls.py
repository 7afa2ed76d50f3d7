"""Resident and counselor routes, mounted at /psych/ in the "psych" namespace."""

from django.urls import path

from . import counselor_views, session_views, views

urlpatterns = [
    path("", views.index, name="index"),
    path("scale/<slug:code>/", views.scale, name="scale"),
    path("counselors/<int:pk>/", views.counselor, name="counselor"),
    path("slots/<int:pk>/book/", views.book, name="book"),
    path("mine/", views.mine, name="mine"),
    path("appointments/<int:pk>/", session_views.appointment, name="appointment"),
    path("appointments/<int:pk>/cancel/", session_views.cancel, name="cancel"),
    path("appointments/<int:pk>/message/", session_views.message, name="message"),
    path("appointments/<int:pk>/note/", session_views.note, name="note"),
    path("desk/", session_views.desk, name="desk"),
    path("desk/profile/", counselor_views.profile, name="profile"),
    path("desk/hours/", counselor_views.hours, name="hours"),
    path("desk/hours/<int:pk>/delete/", counselor_views.hours_delete, name="hours-delete"),
    path("desk/publish/", counselor_views.publish, name="publish"),
    path("desk/slots/<int:pk>/delete/", counselor_views.slot_delete, name="slot-delete"),
    path("questions/", session_views.questions, name="questions"),
    path("questions/<int:pk>/", session_views.question, name="question"),
]
