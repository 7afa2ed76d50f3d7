"""points: API routes under /api/points/."""

from django.urls import path

from .api import resident, staff

urlpatterns = [
    path("points/me/", resident.SummaryView.as_view(), name="api-points-me"),
    path("points/me/entries/", resident.HistoryView.as_view(), name="api-points-entries"),
    path("points/me/rules/", resident.RulesView.as_view(), name="api-points-rules"),
    path("points/me/claims/", resident.ClaimsView.as_view(), name="api-points-claims"),
    path("points/rankings/", resident.RankingsView.as_view(), name="api-points-rankings"),
    path("points/staff/claims/", staff.StaffClaimsView.as_view(),
         name="api-points-staff-claims"),
    path("points/staff/claims/<int:pk>/approve/", staff.ApproveView.as_view(),
         name="api-points-staff-approve"),
    path("points/staff/claims/<int:pk>/reject/", staff.RejectView.as_view(),
         name="api-points-staff-reject"),
    path("points/staff/adjustments/", staff.AdjustView.as_view(),
         name="api-points-staff-adjust"),
]
