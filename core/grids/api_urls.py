"""/api/grids/…: the grid picker, grid cards, "my grid" and the staff scope listing."""

from django.urls import path, re_path

from . import api

urlpatterns = [
    path("grids/", api.GridListView.as_view(), name="api-grids"),
    path("grids/mine/", api.MyGridView.as_view(), name="api-grids-mine"),
    path("grids/scope/", api.ScopeGridListView.as_view(), name="api-grids-scope"),
    re_path(r"^grids/(?P<code>\d{12,18})/$", api.GridDetailView.as_view(), name="api-grid"),
]
