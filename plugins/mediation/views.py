"""The resident's pages: the directory of mediation organisations and a printable agreement."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.portal.services import reader_grid

from . import services
from .manifest import MANIFEST
from .models import Agreement, Mediator, OrganisationKind

PER_PAGE = 20


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Organisations serving the resident's county, filterable by kind, with one-tap call."""
    grid = reader_grid(request)
    kind = request.GET.get("kind", "")
    orgs = services.directory(grid).prefetch_related(
        "specialities",
        Prefetch("mediators", Mediator.objects.filter(active=True).order_by("name"),
                 to_attr="active_mediators"))
    if kind in OrganisationKind.values:
        orgs = orgs.filter(kind=kind)
    else:
        kind = ""
    page = Paginator(orgs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "mediation/index.html", {
        "manifest": MANIFEST, "organisations": page.object_list, "page_obj": page,
        "kinds": OrganisationKind.choices, "kind": kind, "county": services.county_of(grid),
        "query_string": f"kind={kind}", "reader_grid": grid,
    })


@login_required
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    """人民调解协议书, printable; only the reporter and staff in scope (others: 404)."""
    found = (Agreement.objects.select_related("case__report__category", "case__organisation",
                                              "case__mediator")
             .filter(pk=pk).first())
    if found is None or not services.may_see_agreement(request.user, found):
        raise Http404
    return render(request, "mediation/agreement.html", {"manifest": MANIFEST, "agreement": found,
                                                        "case": found.case})
