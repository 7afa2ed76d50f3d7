"""The resident's module page: the directory, grouped, with one-tap dialling."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.portal.services import reader_grid

from . import services
from .manifest import MANIFEST


def index(request: HttpRequest) -> HttpResponse:
    """Open to visitors too: emergency numbers must never sit behind a login."""
    grid = reader_grid(request)
    entries = list(services.visible_entries(grid))
    return render(request, "hotline/index.html", {
        "manifest": MANIFEST,
        "groups": services.group_by_category(entries),
        "contacts": services.grid_contacts(grid),
        "reader_grid": grid,
    })
