"""Mounted by the host at /open311/: GeoReport v2 under v2/, in XML and JSON."""

from django.urls import path

from . import views

urlpatterns = []
for fmt in ("xml", "json"):
    urlpatterns += [
        path(f"discovery.{fmt}", views.discovery, {"fmt": fmt}, name=f"discovery_{fmt}"),
        path(f"v2/services.{fmt}", views.service_list, {"fmt": fmt}, name=f"services_{fmt}"),
        path(f"v2/services/<str:code>.{fmt}", views.service_definition, {"fmt": fmt},
             name=f"service_{fmt}"),
        path(f"v2/requests.{fmt}", views.requests, {"fmt": fmt}, name=f"requests_{fmt}"),
        path(f"v2/requests/<str:code>.{fmt}", views.request_detail, {"fmt": fmt},
             name=f"request_{fmt}"),
    ]
