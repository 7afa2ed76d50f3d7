"""points: resident pages under /points/ (namespace "points")."""

from django.urls import path

from .views import account, claims, rankings

app_name = "points"

urlpatterns = [
    path("points/", account.home, name="home"),
    path("points/claim/", claims.claim_create, name="claim"),
    path("points/claims/", claims.claim_list, name="claims"),
    path("points/claims/photos/<int:pk>/", claims.claim_photo, name="claim_photo"),
    path("points/rankings/", rankings.rankings, name="rankings"),
]
