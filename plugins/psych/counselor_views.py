"""The counselor's own settings: profile, weekly hours, publishing slots.

Only members of the 心理咨询师 group reach these pages, each for their own profile;
everyone else is sent back to the module page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import ProfileForm, WeeklyForm
from .manifest import MANIFEST
from .models import CounselorProfile, Slot


def _counselor_only(view):
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not services.in_counselor_group(request.user):
            return redirect("psych:index")
        return view(request, *args, **kwargs)

    return login_required(wrapped)


@_counselor_only
def profile(request: HttpRequest) -> HttpResponse:
    current = CounselorProfile.objects.filter(user=request.user).first()
    form = ProfileForm(request.POST or None, instance=current,
                       initial={"display_name": request.user.name} if current is None else None)
    if request.method == "POST" and form.is_valid():
        form.instance.user = request.user
        form.save()
        messages.success(request, _("资料已保存。"))
        return redirect("psych:hours")
    return render(request, "psych/profile_form.html", {"manifest": MANIFEST, "form": form})


@_counselor_only
def hours(request: HttpRequest) -> HttpResponse:
    current = CounselorProfile.objects.filter(user=request.user).first()
    if current is None:
        return redirect("psych:profile")
    form = WeeklyForm(current, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.profile = current
        form.save()
        messages.success(request, _("已添加每周时段。"))
        return redirect("psych:hours")
    return render(request, "psych/hours.html", {
        "manifest": MANIFEST, "form": form, "weekly": current.weekly.all(),
        "slots": services.free_slots(current).order_by("starts_at")[:40],
    })


@_counselor_only
@require_POST
def hours_delete(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(request.user.psych_profile.weekly, pk=pk).delete()
    return redirect("psych:hours")


@_counselor_only
@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    created = services.publish_weeks(get_object_or_404(CounselorProfile, user=request.user))
    messages.success(request, _("已发布 %(n)s 个可预约时段。") % {"n": len(created)})
    return redirect("psych:hours")


@_counselor_only
@require_POST
def slot_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a future slot nobody has ever booked."""
    slot = get_object_or_404(Slot, pk=pk, profile__user=request.user,
                             starts_at__gt=timezone.now())
    if slot.appointments.exists():
        messages.error(request, _("该时段已有预约记录，请先与居民沟通取消。"))
    else:
        slot.delete()
    return redirect("psych:hours")
