"""The resident's pages: 一键报事, 我的报事 and one report with its timeline and rating.

Thin: the rules (codes, routing, SLA, the state machine, 报办分离) live in
services.py and workflow.py; services.submit_report stores the photos (cleaned by
the form through photos.py) in the same transaction as the report. A resident only ever sees their own reports —
anyone else's answers 404, exactly like a missing one. The small presentation
helpers below are shared with the JSON API (api.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import services, workflow
from .forms import RatingForm, ReportForm
from .manifest import MANIFEST
from .models import Category, Report, Transition

PER_PAGE = 20
RECENT = 5
Status = Report.Status
FILTERS = (
    ("all", gettext_lazy("全部")),
    ("open", gettext_lazy("办理中")),
    ("to_rate", gettext_lazy("待评价")),
    ("done", gettext_lazy("已办结")),
)
ACTIVE = Report.OPEN | Report.IN_PROGRESS
# Badge colour per phase; overdue cases are shown in red whatever their stage.
BADGES = {"open": "tag--brand", "in_progress": "tag--warn", "resolved": "tag--ok", "closed": ""}


# --- presentation helpers (also used by api.py) ------------------------------------

def active_categories() -> QuerySet[Category]:
    return Category.objects.filter(active=True).order_by("order", "pk")


def my_reports(user: Any) -> QuerySet[Report]:
    """The reports this resident made (or that were filed for them), newest first."""
    return (Report.objects.filter(reporter=user).select_related("category", "grid")
            .order_by("-created_at", "-pk"))


def filtered(reports: QuerySet[Report], show: str) -> QuerySet[Report]:
    if show == "open":
        return reports.filter(status__in=ACTIVE)
    if show == "to_rate":
        return reports.filter(status=Status.RESOLVED)
    if show == "done":
        return reports.filter(status__in=Report.FINISHED)
    return reports


def counts(user: Any) -> dict[str, int]:
    """办理中 / 待评价 / 已办结 for one resident, in one query."""
    return Report.objects.filter(reporter=user).aggregate(
        open=Count("pk", filter=Q(status__in=ACTIVE)),
        to_rate=Count("pk", filter=Q(status=Status.RESOLVED)),
        done=Count("pk", filter=Q(status__in=Report.FINISHED)),
    )


def status_label(report: Report) -> str:
    label = report.get_status_display()
    if report.is_active and report.is_supervised:
        return _("%(status)s · 督办中") % {"status": label}
    if report.is_active and report.is_overdue:
        return _("%(status)s · 已超期") % {"status": label}
    return str(label)


def decorate(reports: list[Report]) -> list[Report]:
    """Attach the badge text and colour the templates show (no queries)."""
    for report in reports:
        report.status_label = status_label(report)
        report.badge_class = ("tag--danger" if report.is_active and report.is_overdue
                              else BADGES[report.phase])
    return reports


def can_rate(report: Report) -> bool:
    return report.status == Status.RESOLVED and not report.rating


@dataclass(frozen=True)
class Step:
    """One line of the timeline as the reporter sees it."""

    title: str
    when: datetime
    who: str
    note: str
    status: str


STEP_ACTIONS = {"supervise": gettext_lazy("超期督办"), "assign": gettext_lazy("指派承办人")}


def step_title(transition: Transition) -> str:
    if not transition.from_status and transition.to_status == Status.SUBMITTED:
        return _("提交报事")
    action = (transition.details or {}).get("action")
    if action in STEP_ACTIONS:
        return str(STEP_ACTIONS[action])
    if (transition.details or {}).get("reopened"):
        return _("退回重办：%(status)s") % {"status": Status(transition.to_status).label}
    if transition.from_status == Status.RESOLVED and transition.to_status == Status.CLOSED:
        return _("评价并销号") if (transition.details or {}).get("rating") else _("销号")
    return str(Status(transition.to_status).label)


def who_for_reporter(transition: Transition, report: Report) -> str:
    """Staff by role and body (never a name or private phone); the reporter as "我"."""
    if transition.actor_id is not None and transition.actor_id == report.reporter_id:
        return _("我")
    return transition.actor_label or _("系统")


def timeline(report: Report, transitions: Iterable[Transition] | None = None) -> list[Step]:
    """Newest first, as a parcel tracker shows it."""
    rows = list(transitions if transitions is not None
                else report.transitions.order_by("created_at", "pk"))
    return [Step(step_title(t), t.created_at, who_for_reporter(t, report), t.note, t.to_status)
            for t in reversed(rows)]


def submit_from_form(form: ReportForm, reporter: Any, filed_by: Any = None) -> Report | None:
    """File the validated form's report where the reporter lives; None (errors on the form) if refused."""
    data = form.cleaned_data
    grid = reporter.home_grid
    if grid is None:
        form.add_error(None, _("请先在“我的”中选择居住网格，报事才能送达所在网格。"))
        return None
    try:
        return services.submit_report(
            reporter=reporter, category=data["category"], description=data["description"],
            grid=grid, address=data["address"], latitude=data.get("latitude"),
            longitude=data.get("longitude"), anonymous=data.get("anonymous", False),
            photos=data.get("photos") or [], filed_by=filed_by)
    except ValidationError as error:
        add_errors(form, error)
        return None


def add_errors(form: ReportForm, error: ValidationError) -> None:
    """Put a service's refusal on the matching fields (others at the top of the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def rated_message(rating: str) -> str:
    if rating == Report.Rating.DISSATISFIED:
        return _("感谢反馈，事项已退回办理人员重新办理，请留意消息通知。")
    return _("感谢您的评价，事项已销号。")


# --- pages -------------------------------------------------------------------------

@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The module page the tile leads to: the report button and the latest reports."""
    return render(request, "reports/index.html", {
        "manifest": MANIFEST, "counts": counts(request.user),
        "recent": decorate(list(my_reports(request.user)[:RECENT])),
    })


@login_required
def new(request: HttpRequest) -> HttpResponse:
    """一键报事. Invalid input re-renders with the other fields kept and nothing saved."""
    form = ReportForm(request.POST or None, request.FILES or None,
                      categories=active_categories())
    if request.method == "POST" and form.is_valid():
        report = submit_from_form(form, request.user)
        if report is not None:
            # The detail page shows the code once in a success card (no flash needed).
            request.session[f"reports:new:{report.pk}"] = True
            return redirect("reports:detail", pk=report.pk)
    return render(request, "reports/new.html", {
        "manifest": MANIFEST, "form": form, "home_grid": request.user.home_grid})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """我的报事: every report of the resident with its status badge, newest first."""
    show = request.GET.get("show", "all")
    if show not in dict(FILTERS):
        show = "all"
    page = Paginator(filtered(my_reports(request.user), show), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "reports/mine.html", {
        "manifest": MANIFEST, "reports": decorate(list(page.object_list)), "page_obj": page,
        "show": show, "filters": FILTERS, "query_string": f"show={show}",
    })


def _own(request: HttpRequest, pk: int) -> Report:
    return get_object_or_404(my_reports(request.user), pk=pk)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _own(request, pk)
    return _render_detail(request, report, RatingForm() if can_rate(report) else None)


def _render_detail(request: HttpRequest, report: Report, rating_form: RatingForm | None,
                   status: int = 200) -> HttpResponse:
    decorate([report])
    # Mediation and court add their sessions, agreement and booking here.
    panels = [panel for _slug, items in request.plugins.call(
        "detail_panels", request=request, obj=report) for panel in items]
    return render(request, "reports/detail.html", {
        "manifest": MANIFEST, "report": report, "photos": list(report.photos.all()),
        "timeline": timeline(report), "rating_form": rating_form,
        "panels": sorted(panels, key=lambda panel: panel.order),
        "just_submitted": request.session.pop(f"reports:new:{report.pk}", False),
    }, status=status)


@login_required
@require_POST
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    """满意/基本满意 close the report (销号); 不满意 sends it back to the last handler."""
    report = _own(request, pk)
    if not can_rate(report):
        messages.error(request, _("该事项当前不能评价。"))
        return redirect("reports:detail", pk=report.pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, report, form, status=400)
    try:
        workflow.rate(report, request.user, form.cleaned_data["rating"],
                      form.cleaned_data["comment"].strip())
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, rated_message(form.cleaned_data["rating"]))
    return redirect("reports:detail", pk=report.pk)
