"""报名与签到: an activity's sign-ups, its check-in code and the confirm action.

The activity is looked up through ``scope_queryset``, so staff of another grid get
404 exactly as for a missing pk. Confirming goes through
``services.confirm_attendance``: hours and points once, however often it is
clicked; a points refusal (cap reached) is shown to the organiser in Chinese.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.grids.scoping import scope_queryset

from . import services
from .models import Activity, SignUp, SignUpStatus

VIEW_PERMISSIONS = ("volunteer.view_activity", "volunteer.change_activity")
CONFIRM_PERMISSION = "volunteer.confirm_signup"


def confirm_message(result: services.AttendanceResult) -> tuple[int, str]:
    """(messages level, text) for one confirmation, naming the volunteer."""
    signup = result.signup
    name = signup.resident.name
    if not result.changed:
        return messages.INFO, _("%(name)s 的到场已确认过，未重复记录。") % {"name": name}
    text = _("已确认 %(name)s 到场，记录服务时长 %(hours)s 小时") % {
        "name": name, "hours": signup.hours}
    if result.points:
        return messages.SUCCESS, text + _("，发放 %(points)s 积分。") % {"points": result.points}
    if result.points_refused:
        return messages.WARNING, text + _("；积分未发放：%(why)s") % {"why": result.points_refused}
    return messages.SUCCESS, text + _("。")


class ActivitySignupsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "volunteer/admin/signups.html"
    header_icon = "tasks"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not any(request.user.has_perm(perm) for perm in VIEW_PERMISSIONS):
            raise PermissionDenied
        self.activity = get_object_or_404(
            scope_queryset(request.user, Activity.objects.select_related("organisation", "grid"),
                           "grid"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("报名与签到：%(title)s") % {"title": self.activity.title}

    def get_breadcrumbs_items(self) -> list:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("volunteer_activity:index"), "label": _("志愿活动")},
            {"url": reverse("volunteer_activity:edit", args=[self.activity.pk]),
             "label": self.activity.title},
            {"url": "", "label": _("报名与签到")},
        ]

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        signups = list(self.activity.signups.select_related("resident__home_grid", "confirmed_by")
                       .order_by("status", "created_at"))
        taking = [s for s in signups if s.status in (SignUpStatus.SIGNED_UP, SignUpStatus.ATTENDED)]
        context.update({
            "activity": self.activity,
            "signups": signups,
            "taken": len(taking),
            "attended_count": sum(1 for s in signups if s.status == SignUpStatus.ATTENDED),
            "waiting_count": sum(1 for s in signups if s.status == SignUpStatus.SIGNED_UP),
            "can_confirm": self.request.user.has_perm(CONFIRM_PERMISSION),
            "checkin_open": self.activity.checkin_window_open(),
        })
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(CONFIRM_PERMISSION):
            raise PermissionDenied
        waiting = SignUp.objects.filter(activity=self.activity, status=SignUpStatus.SIGNED_UP)
        if request.POST.get("all"):
            ids = list(waiting.values_list("pk", flat=True))
        else:
            # Only sign-ups of this (in-scope) activity: a pk from elsewhere is ignored.
            wanted = [int(v) for v in request.POST.getlist("signup") if v.isdigit()]
            ids = list(self.activity.signups.filter(pk__in=wanted).values_list("pk", flat=True))
        if not ids:
            messages.info(request, _("没有需要确认的报名。"))
        for signup_id in ids:
            try:
                result = services.confirm_attendance(signup_id, request.user)
            except services.VolunteerError as exc:
                messages.error(request, exc.messages[0])
                continue
            level, text = confirm_message(result)
            messages.add_message(request, level, text)
        return redirect("volunteer_activity:signups", pk=self.activity.pk)
