"""Resident pages: the module page, self-assessment scales, counselors and booking."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import ScaleForm
from .manifest import MANIFEST
from .models import AppointmentStatus, ScaleResult
from .scales import ADVICE, CRISIS_LINES, SCALES


def index(request: HttpRequest) -> HttpResponse:
    """嘉心在线: scales, counselors, anonymous questions; open to visitors to read."""
    return render(request, "psych/index.html", {
        "manifest": MANIFEST, "scales": SCALES.values(),
        "profiles": services.active_profiles().order_by("pk"),
        "questions": services.answered_questions()[:3],
        "crisis_lines": CRISIS_LINES,
        "is_counselor": services.in_counselor_group(request.user),
    })


@login_required
def scale(request: HttpRequest, code: str) -> HttpResponse:
    chosen = SCALES.get(code)
    if chosen is None:
        raise Http404
    form = ScaleForm(chosen, request.POST or None)
    if request.method == "POST" and form.is_valid():
        result, risk = services.record_result(request.user, code, form.answers())
        return render(request, "psych/result.html", {
            "manifest": MANIFEST, "scale": chosen, "result": result, "risk": risk,
            "advice": ADVICE.get(result.band, ""), "crisis_lines": CRISIS_LINES,
            "earliest": services.earliest_free_slot() if risk or result.score >= 10 else None,
        })
    return render(request, "psych/scale.html", {"manifest": MANIFEST, "scale": chosen,
                                                "form": form})


@login_required
def counselor(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(services.active_profiles(), pk=pk)
    return render(request, "psych/counselor.html", {
        "manifest": MANIFEST, "profile": profile,
        "slots": services.free_slots(profile).order_by("starts_at")[:40],
    })


@login_required
@require_POST
def book(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        appointment = services.book(pk, request.user)
    except services.PsychError as exc:
        messages.error(request, exc.messages[0])
        return redirect("psych:index")
    messages.success(request, _("预约成功！我们已发送提醒。"))
    return redirect("psych:appointment", pk=appointment.pk)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """我的嘉心: my appointments, my own scale history and my questions."""
    return render(request, "psych/mine.html", {
        "manifest": MANIFEST,
        "appointments": services.my_appointments(request.user),
        "results": ScaleResult.objects.filter(resident=request.user)[:20],
        "questions": request.user.psych_questions.order_by("-created_at")[:20],
        "booked": AppointmentStatus.BOOKED,
    })
