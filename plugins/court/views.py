"""The resident's pages: my paired judge, free slots, booking, 我的预约, 信息公开."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Site

from core.portal.services import reader_grid

from . import services
from .conf import cancel_cutoff_hours
from .forms import BookingForm
from .manifest import MANIFEST, SLUG
from .models import BookingStatus, CourtInfoIndexPage, Slot

SLOT_DAYS = 14  # the index shows free slots this far ahead
SLOTS_PER_JUDGE = 12


def _config(request: HttpRequest):
    return request.plugins.config(SLUG)


def _group_slots(slots: list[Slot]) -> dict[int, list[Slot]]:
    grouped: dict[int, list[Slot]] = {}
    for slot in slots:
        grouped.setdefault(slot.judge_id, []).append(slot)
    return grouped


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """My paired judges and their free slots, my upcoming bookings, and the other sections."""
    grid = reader_grid(request)
    judges = list(services.judges_for(grid).prefetch_related("paired_grids"))
    horizon = timezone.now() + timedelta(days=SLOT_DAYS)
    slots = list(services.free_slots(services.judges_for(grid)).filter(starts_at__lte=horizon))
    by_judge = _group_slots(slots)
    for judge in judges:
        judge.free = by_judge.get(judge.pk, [])[:SLOTS_PER_JUDGE]
        judge.pairings = [g.name for g in judge.paired_grids.all()]
    upcoming = list(services.my_bookings(request.user).filter(
        status=BookingStatus.BOOKED, slot__starts_at__gte=timezone.now()).order_by(
        "slot__starts_at")[:3])
    return render(request, "court/index.html", {
        "manifest": MANIFEST, "reader_grid": grid, "judges": judges, "upcoming": upcoming,
        "info_url": _info_url(request),
    })


def _bookable_slot(request: HttpRequest, pk: int) -> Slot:
    """A free slot of the reader's paired judges (any judge's for staff booking on behalf,
    whose residents live elsewhere; the service checks the pairing of the resident chosen)."""
    judges = (None if services.may_book_for_others(request.user)
              else services.judges_for(reader_grid(request)))
    slot = services.free_slots(judges).filter(pk=pk).first()
    if slot is None:
        raise Http404
    return slot


def _form_choices(request: HttpRequest) -> dict[str, Any]:
    """Reports the user may link, and residents a grid worker may book for."""
    from plugins.reports.models import Report

    user = request.user
    reports = list(Report.objects.filter(reporter=user).exclude(
        status__in=("closed", "rejected", "merged")).order_by("-created_at")[:20])
    residents = (list(services.residents_for(user).order_by("name")[:200])
                 if services.may_book_for_others(user) else [])
    return {"reports": reports, "residents": residents}


@login_required
def book(request: HttpRequest, pk: int) -> HttpResponse:
    slot = _bookable_slot(request, pk)
    choices = _form_choices(request)
    form = BookingForm(request.POST or None, **choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.book(services.BookingRequest(
                slot_id=slot.pk, dispute_type=data["dispute_type"], focus=data["focus"],
                report_id=data.get("report"), resident_id=data.get("resident")), request.user)
        except services.CourtError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("预约成功！%(when)s，请准时参加。") % {
                "when": services.slot_label(slot)})
            return redirect(f"{SLUG}:booking", pk=booking.pk)
    return render(request, "court/book.html", {
        "manifest": MANIFEST, "slot": slot, "form": form,
        "slot_label": services.slot_label(slot),
        "cutoff_hours": cancel_cutoff_hours(_config(request)),
        "on_behalf": bool(choices["residents"]),
    })


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """我的预约: the bookings I made, for me or for residents of my grid."""
    bookings = list(services.my_bookings(request.user))
    now = timezone.now()
    return render(request, "court/mine.html", {
        "manifest": MANIFEST,
        "upcoming": [b for b in bookings if b.status == BookingStatus.BOOKED and b.slot.starts_at >= now],
        "past": [b for b in bookings if not (b.status == BookingStatus.BOOKED and b.slot.starts_at >= now)],
    })


@login_required
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(services.bookings_visible_to(request.user), pk=pk)
    hours = cancel_cutoff_hours(_config(request))
    now = timezone.now()
    can_cancel = (booking.status == BookingStatus.BOOKED
                  and booking.slot.starts_at - now >= timedelta(hours=hours))
    return render(request, "court/booking.html", {
        "manifest": MANIFEST, "booking": booking, "slot_label": services.slot_label(booking.slot),
        "can_cancel": can_cancel, "cutoff_hours": hours,
        "too_late": booking.status == BookingStatus.BOOKED and not can_cancel,
    })


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(services.bookings_visible_to(request.user), pk=pk)
    try:
        services.cancel(pk, request.user, config=_config(request))
    except services.CourtError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("已取消预约。"))
    return redirect(f"{SLUG}:booking", pk=pk)


def _info_url(request: HttpRequest) -> str:
    site = Site.find_for_request(request)
    page = (CourtInfoIndexPage.objects.live().descendant_of(site.root_page).first()
            if site else None)
    return page.get_url(request) if page is not None else ""


def info(request: HttpRequest) -> HttpResponse:
    """信息公开: the site's index page, or an empty state before it is created."""
    url = _info_url(request)
    if url:
        return redirect(url)
    return render(request, "court/info_index.html", {"page": None, "manifest": MANIFEST,
                                                     "notices": [], "guides": []})
