"""The resident's pages: browse, sign up, cancel, check in, 我的志愿 and the certificate."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Site

from core.portal.services import reader_grid

from . import services
from .forms import CheckinForm
from .manifest import MANIFEST
from .models import Activity, ActivityStatus, Organisation, SignUp, SignUpStatus

PER_PAGE = 20


def _my_signups(user: Any, activities: list[Activity]) -> dict[int, SignUp]:
    """The user's sign-ups for the listed activities, in one query."""
    if not user.is_authenticated or not activities:
        return {}
    rows = SignUp.objects.filter(resident=user, activity__in=[a.pk for a in activities])
    return {signup.activity_id: signup for signup in rows}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Activities for the resident's region: open ones first, or those already held."""
    grid = reader_grid(request)
    show = request.GET.get("show", "upcoming")
    activities = services.with_places(services.visible_activities(grid))
    now = timezone.now()
    if show == "past":
        activities = activities.filter(ends_at__lt=now).order_by("-starts_at")
    else:
        show = "upcoming"
        activities = activities.filter(ends_at__gte=now).order_by("starts_at")
    page = Paginator(activities, PER_PAGE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    mine = _my_signups(request.user, items)
    for activity in items:
        activity.places_left = services.places_left(activity)
        activity.my_signup = mine.get(activity.pk)
    return render(request, "volunteer/index.html", {
        "manifest": MANIFEST, "activities": items, "page_obj": page, "show": show,
        "query_string": f"show={show}", "reader_grid": grid,
    })


def _activity_for(request: HttpRequest, pk: int) -> Activity:
    """An activity the user may see: published in their region, or one they signed up for."""
    return get_object_or_404(
        services.accessible_activities(request.user, reader_grid(request)), pk=pk)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_for(request, pk)
    signup = SignUp.objects.filter(activity=activity, resident=request.user).first()
    now = timezone.now()
    signed_up = signup is not None and signup.status == SignUpStatus.SIGNED_UP
    published = activity.status == ActivityStatus.PUBLISHED
    return render(request, "volunteer/detail.html", {
        "manifest": MANIFEST, "activity": activity, "signup": signup,
        "places_left": services.places_left(activity),
        "can_sign_up": activity.is_open and (signup is None or signup.status == SignUpStatus.CANCELLED),
        "can_cancel": signed_up and activity.is_open,
        "can_check_in": signed_up and published and activity.checkin_window_open(now),
        "checkin_form": CheckinForm(),
    })


def _act(request: HttpRequest, pk: int, action) -> HttpResponse:
    """Run a service call for the resident; show its Chinese refusal as a message."""
    activity = _activity_for(request, pk)
    try:
        message = action(activity)
    except services.VolunteerError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, message)
    return redirect("volunteer:detail", pk=activity.pk)


@login_required
@require_POST
def sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    def action(activity: Activity) -> str:
        services.sign_up(activity.pk, request.user)
        return _("报名成功！请按时到达%(place)s。") % {"place": activity.place}

    return _act(request, pk, action)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    def action(activity: Activity) -> str:
        services.cancel_signup(activity.pk, request.user)
        return _("已取消报名。")

    return _act(request, pk, action)


@login_required
@require_POST
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    form = CheckinForm(request.POST)

    def action(activity: Activity) -> str:
        if not form.is_valid():
            raise services.VolunteerError(form.errors["code"][0])
        result = services.check_in_with_code(activity.pk, request.user, form.cleaned_data["code"])
        return attendance_message(result)

    return _act(request, pk, action)


def attendance_message(result: services.AttendanceResult) -> str:
    """What the resident (or organiser) is told after a check-in."""
    signup = result.signup
    if not result.changed:
        return _("已签到，无需重复签到。")
    text = _("签到成功，记录服务时长 %(hours)s 小时。") % {"hours": signup.hours}
    if result.points:
        text += _("获得 %(points)s 积分。") % {"points": result.points}
    elif result.points_refused:
        text += _("本次未获得积分：%(why)s") % {"why": result.points_refused}
    return text


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """我的志愿: every sign-up, hours served and points earned."""
    signups = list(SignUp.objects.filter(resident=request.user)
                   .select_related("activity__organisation").order_by("-activity__starts_at"))
    attended = [s for s in signups if s.status == SignUpStatus.ATTENDED]
    return render(request, "volunteer/mine.html", {
        "manifest": MANIFEST, "signups": signups,
        "upcoming": [s for s in signups if s.status == SignUpStatus.SIGNED_UP],
        "attended": attended,
        "hours_total": sum((s.hours for s in attended), start=Decimal("0")),
        "points_total": sum(s.points_awarded for s in attended),
    })


@login_required
def certificate(request: HttpRequest) -> HttpResponse:
    """志愿服务时长证明: printable; one issuing organisation, or the platform for all."""
    attended = (services.attended(request.user).select_related("activity__organisation")
                .order_by("activity__starts_at"))
    organisations = Organisation.objects.filter(
        pk__in=attended.values("activity__organisation")).order_by("name")
    organisation = None
    if request.GET.get("organisation"):
        try:
            organisation = organisations.get(pk=int(request.GET["organisation"]))
        except (ValueError, Organisation.DoesNotExist):
            raise Http404 from None
        attended = attended.filter(activity__organisation=organisation)
    rows = list(attended)
    site = Site.find_for_request(request)
    platform = site.site_name if site and site.site_name else _("嘉园")
    user = request.user
    return render(request, "volunteer/certificate.html", {
        "manifest": MANIFEST, "rows": rows, "organisations": organisations,
        "organisation": organisation,
        "issuer": organisation.name if organisation else _("%(site)s志愿服务平台") % {"site": platform},
        "hours_total": sum((row.hours for row in rows), start=Decimal("0")),
        "holder_name": user.name, "holder_id": user.id_card_masked,
        "number": f"JY-VOL-{user.pk:06d}-{timezone.localdate():%Y%m%d}",
        "issued_on": timezone.localdate(),
    })
