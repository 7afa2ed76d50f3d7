"""调解工作台: the queue of mediation cases in the user's subtree and one case's page.

Every look-up goes through ``services.staff_cases`` (``scope_queryset`` on the
report's grid): a case outside the user's subtree answers 404 exactly as a missing
pk. Actions go through ``services``, which checks the actor again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .forms import AgreementForm, AssignForm, FailureForm, NotesForm, QueueFilterForm, SessionForm
from .models import OPEN_STATUSES, CaseStatus

PER_PAGE = 50


def can_view(user: Any) -> bool:
    return user.is_authenticated and user.has_perm(services.VIEW_PERMISSION)


def queue(user: Any, show: str = "open", q: str = ""):
    """The user's cases, open ones first and oldest first; constant queries per page."""
    cases = (services.staff_cases(user)
             .select_related("report__category", "report__grid", "organisation", "mediator"))
    if show == "open":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif show == "pending":
        cases = cases.filter(status=CaseStatus.PENDING)
    elif show == "closed":
        cases = cases.exclude(status__in=OPEN_STATUSES)
    if q:
        cases = cases.filter(report__code__contains=q.strip())
    return cases.order_by("closed_at", "opened_at", "pk")


class QueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "mediation/admin/queue.html"
    page_title = _("调解工作台")
    header_icon = "group"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("调解工作台")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        services.sync_cases(self.request.user)
        form = QueueFilterForm(self.request.GET or None)
        show, q = "open", ""
        if form.is_valid():
            show = form.cleaned_data["show"] or "open"
            q = form.cleaned_data["q"]
        page = Paginator(queue(self.request.user, show, q), PER_PAGE).get_page(
            self.request.GET.get("p"))
        context.update({"filter_form": form, "cases": page.object_list, "page_obj": page})
        return context


class CaseView(WagtailAdminTemplateMixin, TemplateView):
    """One case: suggestions and assignment, sessions and notes, the outcome."""

    template_name = "mediation/admin/case.html"
    header_icon = "group"
    ACTIONS = ("assign", "schedule", "notes", "agreement", "failure")

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_view(request.user):
            raise PermissionDenied
        self.case = get_object_or_404(
            services.staff_cases(request.user).select_related(
                "report__category", "report__grid", "report__reporter", "organisation",
                "mediator"),
            pk=kwargs["pk"])
        self.forms: dict[str, Any] = {}
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("调解案件：%(code)s") % {"code": self.case.report.code}

    def get_breadcrumbs_items(self) -> list:
        return [*self.breadcrumbs_items,
                {"url": reverse("mediation_work:index"), "label": _("调解工作台")},
                {"url": "", "label": self.case.report.code}]

    def _form(self, name: str):
        if name in self.forms:
            return self.forms[name]
        if name == "assign":
            initial = {"organisation": self.case.organisation_id, "mediator": self.case.mediator_id}
            return AssignForm(organisations=self.suggestions, initial=initial)
        return {"schedule": SessionForm, "agreement": AgreementForm,
                "failure": FailureForm}[name]()

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        case = self.case
        self.suggestions = services.suggest_organisations(case) if case.is_open else []
        context.update({
            "case": case, "report": case.report,
            "sessions": list(case.sessions.select_related("mediator").order_by("starts_at")),
            "agreement": getattr(case, "agreement", None),
            "suggestions": self.suggestions,
            "can_act": case.is_open and services.may_handle(self.request.user, case.report),
            "next_stage": services.NEXT_STAGE.get(case.stage),
            "report_url": reverse("reports_work:case", args=[case.report.pk]),
        })
        for name in ("assign", "schedule", "agreement", "failure"):
            context[f"{name}_form"] = self._form(name)
        context["notes_error"] = self.forms.get("notes")
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        action = request.POST.get("action")
        if action not in self.ACTIONS:
            messages.error(request, _("未知的操作。"))
            return redirect("mediation_work:case", pk=self.case.pk)
        try:
            done = getattr(self, f"_do_{action}")(request)
        except services.MediationError as exc:
            messages.error(request, exc.messages[0])
            done = False
        if done:
            messages.success(request, done)
            return redirect("mediation_work:case", pk=self.case.pk)
        return self.get(request, *args, **kwargs)

    # Each action: a bound form; invalid → re-render it with its errors (returns False).
    def _do_assign(self, request: HttpRequest) -> str | bool:
        form = AssignForm(request.POST, organisations=services.suggest_organisations(self.case))
        self.forms["assign"] = form
        if not form.is_valid():
            return False
        services.assign(self.case.pk, form.cleaned_data["organisation"],
                        form.cleaned_data["mediator"], actor=request.user)
        return _("已分派调解组织和调解员，报事人已收到通知。")

    def _do_schedule(self, request: HttpRequest) -> str | bool:
        form = SessionForm(request.POST)
        self.forms["schedule"] = form
        if not form.is_valid():
            return False
        services.schedule_session(self.case.pk, actor=request.user, **form.cleaned_data)
        return _("已安排调解，当事人已收到通知。")

    def _do_notes(self, request: HttpRequest) -> str | bool:
        form = NotesForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("请填写调解笔录。"))
            return False
        session = get_object_or_404(self.case.sessions, pk=form.cleaned_data["session"])
        services.record_notes(session.pk, form.cleaned_data["notes"], actor=request.user)
        return _("调解笔录已保存。")

    def _do_agreement(self, request: HttpRequest) -> str | bool:
        form = AgreementForm(request.POST)
        self.forms["agreement"] = form
        if not form.is_valid():
            return False
        agreement = services.record_agreement(self.case.pk, actor=request.user, **form.cleaned_data)
        return _("已登记调解协议书 %(number)s，报事已办结。") % {"number": agreement.number}

    def _do_failure(self, request: HttpRequest) -> str | bool:
        form = FailureForm(request.POST)
        self.forms["failure"] = form
        if not form.is_valid():
            return False
        services.record_failure(self.case.pk, reason=form.cleaned_data["reason"], actor=request.user)
        return _("已记录调解不成，报事已移交下一环节。")
