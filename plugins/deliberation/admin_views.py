"""Staff pages beyond create/edit: poll results, compiling the issue list, a meeting's
agenda and attendance, and the 五议两公开 steps of a decision.

Each looks its object up through ``scope_queryset`` (404 outside the user's subtree)
and checks a model permission; every change goes through a service.
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

from .forms import StepForm
from .models import STAGE_BODY, VOTING_STAGES, Decision, IssueList, Meeting, Poll, Stage
from .services import DeliberationError
from .services import councils as council_services
from .services import decisions as decision_services
from .services import issues as issue_services
from .services import polls as poll_services


class _ScopedObjectView(WagtailAdminTemplateMixin, TemplateView):
    """Fetch ``model`` by pk within the user's subtree, after a permission check."""

    model = None
    grid_field = "grid"
    view_permission = ""
    change_permission = ""
    index_route = ""
    index_label = ""
    header_icon = "tasks"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(self.view_permission):
            raise PermissionDenied
        if request.method == "POST" and not request.user.has_perm(self.change_permission):
            raise PermissionDenied
        self.object = get_object_or_404(
            scope_queryset(request.user, self.model.objects.all(), self.grid_field), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list:
        return [*self.breadcrumbs_items,
                {"url": reverse(self.index_route), "label": self.index_label},
                {"url": "", "label": str(self.object)}]

    def refused(self, exc: DeliberationError) -> HttpResponse:
        messages.error(self.request, exc.messages[0])
        return self.render_to_response(self.get_context_data())


class PollResultsView(_ScopedObjectView):
    model = Poll
    template_name = "deliberation/admin/poll_results.html"
    view_permission = "deliberation.view_poll"
    index_route = "deliberation_poll:index"
    index_label = _("民主投票")

    def get_page_title(self) -> str:
        return _("投票结果：%(t)s") % {"t": self.object.title}

    def get_context_data(self, **kwargs) -> dict:
        ballots, eligible, percent = poll_services.turnout(self.object)
        return {**super().get_context_data(**kwargs), "poll": self.object,
                "results": poll_services.results(self.object), "ballots": ballots,
                "eligible": eligible, "percent": percent}


class CompileView(_ScopedObjectView):
    """Pick the period's suggestions (ranked by support), order them and add notes."""

    model = IssueList
    template_name = "deliberation/admin/compile.html"
    view_permission = "deliberation.view_issuelist"
    change_permission = "deliberation.compile_issuelist"
    index_route = "deliberation_issuelist:index"
    index_label = _("问题清单")

    def get_page_title(self) -> str:
        return _("汇总问题清单：%(t)s") % {"t": self.object.title}

    def get_context_data(self, **kwargs) -> dict:
        items = {item.suggestion_id: item for item in self.object.items.all()}
        candidates = list(issue_services.candidates(self.object))
        for rank, suggestion in enumerate(candidates, start=1):
            suggestion.rank = rank
            suggestion.item = items.get(suggestion.pk)
        return {**super().get_context_data(**kwargs), "issue_list": self.object,
                "candidates": candidates, "items": list(self.object.items.all()),
                "can_compile": self.request.user.has_perm(self.change_permission)}

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        entries = []
        for value in request.POST.getlist("pick"):
            if not value.isdigit():
                continue
            order = request.POST.get(f"order-{value}", "")
            entries.append(issue_services.Entry(
                int(value), int(order) if order.isdigit() else 999,
                request.POST.get(f"note-{value}", "")))
        try:
            items = issue_services.compile_list(self.object.pk, request.user, entries)
        except DeliberationError as exc:
            return self.refused(exc)
        messages.success(request, _("问题清单已保存，共 %(n)s 项。") % {"n": len(items)})
        return redirect("deliberation_issuelist:compile", pk=self.object.pk)


class MeetingManageView(_ScopedObjectView):
    model = Meeting
    grid_field = "council__grid"
    template_name = "deliberation/admin/meeting.html"
    view_permission = "deliberation.view_meeting"
    change_permission = "deliberation.change_meeting"
    index_route = "deliberation_meeting:index"
    index_label = _("议事会会议")

    def get_page_title(self) -> str:
        return _("议程与出席：%(t)s") % {"t": self.object.title}

    def get_context_data(self, **kwargs) -> dict:
        meeting = self.object
        attended = {a.member_id: a for a in meeting.attendances.all()}
        members = council_services.members_on(meeting)
        for member in members:
            member.attendance = attended.get(member.pk)
        return {**super().get_context_data(**kwargs), "meeting": meeting,
                "agenda": list(meeting.agenda.all()), "members": members,
                "can_change": self.request.user.has_perm(self.change_permission)}

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            if request.POST.get("action") == "agenda":
                new = council_services.agenda_from_issue_list(self.object.pk, request.user)
                messages.success(request, _("已从问题清单导入 %(n)s 项议程。") % {"n": len(new)})
            else:
                ids = [int(v) for v in request.POST.getlist("member") if v.isdigit()]
                new = council_services.record_attendance(self.object.pk, request.user, ids)
                messages.success(request, _("已登记 %(n)s 人出席。") % {"n": len(new)})
        except DeliberationError as exc:
            return self.refused(exc)
        return redirect("deliberation_meeting:manage", pk=self.object.pk)


class DecisionStepsView(_ScopedObjectView):
    model = Decision
    template_name = "deliberation/admin/decision_steps.html"
    view_permission = "deliberation.view_decision"
    change_permission = "deliberation.record_decisionstep"
    index_route = "deliberation_decision:index"
    index_label = _("五议两公开")

    def get_page_title(self) -> str:
        return _("决策步骤：%(t)s") % {"t": self.object.title}

    def get_context_data(self, form: StepForm | None = None, **kwargs) -> dict:
        decision = self.object
        next_stage = decision.next_stage
        steps = list(decision.steps.select_related("actor"))
        for step in steps:
            step.body = STAGE_BODY.get(step.stage, "")
        return {**super().get_context_data(**kwargs), "decision": decision, "steps": steps,
                "next_stage": next_stage and Stage(next_stage),
                "next_body": STAGE_BODY.get(next_stage, ""),
                "voting": next_stage in VOTING_STAGES,
                "form": form or (StepForm(stage=next_stage) if next_stage else None),
                "can_record": self.request.user.has_perm(self.change_permission)}

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        stage = self.object.next_stage
        form = StepForm(request.POST, stage=stage or "")
        if stage is None or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        counts = None
        if stage in VOTING_STAGES:
            counts = decision_services.Counts(data["entitled"], data["present"], data["in_favour"],
                                              data.get("against") or 0, data.get("abstained") or 0)
        try:
            decision_services.record_step(self.object.pk, request.user, stage, data["held_on"],
                                          data["note"], counts)
        except DeliberationError as exc:
            messages.error(request, exc.messages[0])
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, _("已记录“%(s)s”环节。") % {"s": Stage(stage).label})
        return redirect("deliberation_decision:steps", pk=self.object.pk)
