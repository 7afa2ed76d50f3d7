"""The reports API for the mini-program, mounted at /api/reports/ (namespace "reports-api").

Residents: categories, submit (multipart with photos), my reports with timeline, rate.
Handlers: the queue of their subtree, case file, transition, file on behalf, figures.
"""

from django.urls import path

from .resident import (
                       ReportsCategoryListAPIView,
                       ReportsMineDetailAPIView,
                       ReportsMineListCreateAPIView,
                       ReportsRateAPIView,
)
from .staff import (
                       ReportsCaseAPIView,
                       ReportsFiguresAPIView,
                       ReportsQueueAPIView,
                       ReportsTransitionAPIView,
)

urlpatterns = [
    path("categories/", ReportsCategoryListAPIView.as_view(), name="categories"),
    path("reports/", ReportsMineListCreateAPIView.as_view(), name="mine"),
    path("reports/<int:pk>/", ReportsMineDetailAPIView.as_view(), name="mine-detail"),
    path("reports/<int:pk>/rate/", ReportsRateAPIView.as_view(), name="rate"),
    path("staff/reports/", ReportsQueueAPIView.as_view(), name="queue"),
    path("staff/reports/<int:pk>/", ReportsCaseAPIView.as_view(), name="case"),
    path("staff/reports/<int:pk>/transition/", ReportsTransitionAPIView.as_view(),
         name="transition"),
    path("staff/figures/", ReportsFiguresAPIView.as_view(), name="figures"),
]
