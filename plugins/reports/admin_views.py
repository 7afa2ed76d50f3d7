"""报事工作台: the staff queue, a case page with its moves, 代为报事 and the figures.

Every look-up goes through ``services.visible_to_staff`` (``scope_queryset``): a
report outside the user's subtree answers 404 exactly as a missing pk. What a user
may do on a case comes from ``rules.allowed_moves``, and ``workflow`` checks it again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from core.plugins.guards import PluginViewSetMixin

from . import rules, services, sla, workflow
from .admin_forms import ActionForm, AssignForm, FiguresForm, OnBehalfForm, QueueFilterForm
from .manifest import MANIFEST
from .models import Report

NAMESPACE = "reports_work"
PER_PAGE = 50
HANDLE_PERMISSION = "reports.handle_report"
FILE_PERMISSION = "reports.file_on_behalf"


def can_work(user: Any) -> bool:
    return user.is_authenticated and user.has_perm(HANDLE_PERMISSION)


class WorkerRequiredMixin:
    permission = HANDLE_PERMISSION

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class WorkbenchMixin(WorkerRequiredMixin, WagtailAdminTemplateMixin):
    header_icon = MANIFEST.admin_icon

    def get_breadcrumbs_items(self) -> list:
        items = [*self.breadcrumbs_items,
                 {"url": reverse(f"{NAMESPACE}:index"), "label": _("报事工作台")}]
        title = self.get_page_title()
        if title != _("报事工作台"):
            items.append({"url": "", "label": title})
        return items


class QueueView(WorkbenchMixin, TemplateView):
    template_name = "reports/admin/queue.html"
    page_title = gettext_lazy("报事工作台")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        form = QueueFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        reports = services.queue(self.request.user, status=filters.get("status", ""),
                                 category=filters.get("category"),
                                 urgency=filters.get("urgency", ""))
        page = Paginator(reports, PER_PAGE).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update({
            "filter_form": form, "page": page, "reports": page.object_list,
            "query": query.urlencode(),
            "missing_years": sla.missing_calendar_years(),
            "can_file": self.request.user.has_perm(FILE_PERMISSION),
        })
        return context


class CaseView(WorkbenchMixin, TemplateView):
    template_name = "reports/admin/case.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(HANDLE_PERMISSION):
            raise PermissionDenied
        self.report = get_object_or_404(
            services.visible_to_staff(request.user).select_related(
                "category", "grid", "reporter", "filed_by", "handling_grid", "handling_body",
                "assignee", "merged_into", "supervising_grid"),
            pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("报事 %(code)s") % {"code": self.report.code}

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if "assignee" in request.POST:
            return self._assign(request)
        # Validated against every status: a refused move gets the workflow's own message.
        form = ActionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                target = None
                if data["action"] == Report.Status.MERGED:
                    target = services.visible_to_staff(request.user).filter(
                        code=data["merge_code"].strip()).first()
                    if target is None:
                        raise workflow.WorkflowError(_("在您的负责区域内找不到该报事编码。"))
                workflow.transition(self.report, data["action"], actor=request.user,
                                    note=data["note"], resolution=data["resolution"],
                                    merged_into=target)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("报事 %(code)s 已转为“%(status)s”。") % {
                    "code": self.report.code, "status": self.report.get_status_display()})
                return redirect(f"{NAMESPACE}:case", pk=self.report.pk)
        return self.render_to_response(self.get_context_data(failed_form=form), status=400)

    def _assign(self, request: HttpRequest) -> HttpResponse:
        form = AssignForm(request.POST, report=self.report)
        if form.is_valid():
            try:
                workflow.assign(self.report, form.cleaned_data["assignee"], actor=request.user,
                                note=form.cleaned_data["note"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("已指派承办人。"))
                return redirect(f"{NAMESPACE}:case", pk=self.report.pk)
        return self.render_to_response(self.get_context_data(assign_form=form), status=400)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        report, user = self.report, self.request.user
        moves = rules.allowed_moves(user, report)
        form = kwargs.get("failed_form") or (ActionForm(moves=moves) if moves else None)
        handler = report.assignee_id == user.pk or rules.handles_stage(user, report, report.status)
        can_assign = report.status in rules.HANDLING and rules.handles_stage(
            user, report, report.status)
        # Mediation and court add their sessions, agreement and booking here.
        panels = [panel for _slug, items in self.request.plugins.call(
            "detail_panels", request=self.request, obj=report) for panel in items]
        context.update({
            "report": report, "action_form": form,
            "moves": [(move, rules.MOVE_LABELS[move]) for move in moves], "is_handler": handler,
            "timeline": list(report.transitions.select_related("actor")),
            "photos": list(report.photos.all()),
            "duplicates": list(report.duplicates.only("pk", "code")),
            "assign_form": kwargs.get("assign_form") or (
                AssignForm(report=report) if can_assign else None),
            "resolution_label": rules.RESOLUTIONS.get(report.resolution, ""),
            "panels": sorted(panels, key=lambda panel: panel.order),
            "party": rules.is_party(user, report),
            "offers_merge": Report.Status.MERGED in moves,
            "offers_resolve": Report.Status.RESOLVED in moves,
        })
        return context


class OnBehalfView(WorkbenchMixin, TemplateView):
    """代为报事: look a resident up by mobile or name, then file for them."""

    template_name = "reports/admin/on_behalf.html"
    page_title = gettext_lazy("代为报事")
    permission = FILE_PERMISSION

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        form = kwargs.get("form") or OnBehalfForm(user=self.request.user, initial={
            "resident": self.request.GET.get("resident")})
        chosen = form["resident"].value()
        resident = form.fields["resident"].queryset.filter(pk=chosen).first() if str(
            chosen or "").isdigit() else None
        if resident is not None and not form.is_bound:
            form.initial["grid"] = resident.home_grid_id  # where they live, usually
        context.update({
            "resident": resident,
            "query": query,
            "found": list(services.residents_for(self.request.user, query)) if query else [],
            "form": form,
        })
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        form = OnBehalfForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.submit_report(
                    reporter=data["resident"], category=data["category"], grid=data["grid"],
                    description=data["description"], address=data["address"],
                    urgency=data["urgency"] or None, anonymous=data["anonymous"],
                    filed_by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("已为 %(name)s 代为报事，编码 %(code)s。") % {
                    "name": data["resident"].name, "code": report.code})
                return redirect(f"{NAMESPACE}:case", pk=report.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class FiguresView(WorkbenchMixin, TemplateView):
    template_name = "reports/admin/figures.html"
    page_title = gettext_lazy("报事统计")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = FiguresForm(self.request.GET or None, user=user)
        figures, children = None, []
        if not form.is_bound or form.is_valid():
            chosen = form.cleaned_data.get("grid") if form.is_bound else None
            grid = chosen or form.fields["grid"].queryset.first()
            if grid is not None:
                figures = services.figures(grid, *form.period())
                children = services.figures_by_child(grid, *form.period())
        context.update({"form": form, "figures": figures, "children": children})
        return context


class WorkbenchMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_work(request.user)


class WorkbenchViewSetBase(ViewSet):
    name = NAMESPACE
    url_prefix = "reports/work"
    icon = MANIFEST.admin_icon
    menu_label = gettext_lazy("报事工作台")
    menu_order = 210  # first among the grid team's queues
    add_to_admin_menu = True
    menu_item_class = WorkbenchMenuItem

    def get_urlpatterns(self) -> list:
        return [
            path("", QueueView.as_view(), name="index"),
            path("<int:pk>/", CaseView.as_view(), name="case"),
            path("new/", OnBehalfView.as_view(), name="on_behalf"),
            path("figures/", FiguresView.as_view(), name="figures"),
        ]


class WorkbenchViewSet(PluginViewSetMixin, WorkbenchViewSetBase):
    """The mixin comes first so that it wraps the routes above with the enabled-guard."""

    plugin_slug = MANIFEST.slug
