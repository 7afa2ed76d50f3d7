"""Resident routes, mounted at /deliberation/ in the "deliberation" namespace."""

from django.urls import path

from . import views, views_suggestions

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("polls/", views.poll_list, name="polls"),
    path("polls/<int:pk>/", views.poll_detail, name="poll"),
    path("polls/<int:pk>/vote/", views.vote, name="vote"),
    path("topics/", views.topic_list, name="topics"),
    path("topics/<int:pk>/", views.topic_detail, name="topic"),
    path("suggestions/", views_suggestions.suggestion_list, name="suggestions"),
    path("suggestions/new/", views_suggestions.suggestion_new, name="suggestion_new"),
    path("suggestions/<int:pk>/", views_suggestions.suggestion_detail, name="suggestion"),
    path("suggestions/<int:pk>/support/", views_suggestions.support, name="support"),
    path("decisions/", views.decision_list, name="decisions"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision"),
]
