"""在线法院 staff views in the Wagtail admin: the court queue, a case, bookings, Q&A review.

Every list comes from a scoped service (``litigation.queue_for``,
``faq.answers_to_moderate``, the judge's own slots), so another grid's row
answers 404 exactly as a missing one does.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin

from . import faq, litigation, services
from .forms import OutcomeForm
from .models import Booking, BookingStatus

CASES, BOOKINGS, ANSWERS = "court_cases", "court_bookings", "court_answers"


def may_see_cases(user) -> bool:
    return bool(user.is_superuser or litigation.judge_of(user) is not None
                or user.has_perm("court.decide_case"))


def may_see_bookings(user) -> bool:
    return bool(user.is_superuser or litigation.judge_of(user) is not None)


class _Guarded:
    allowed = staticmethod(lambda user: False)

    def get_breadcrumbs_items(self) -> list:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CaseQueueView(_Guarded, BaseListingView):
    """法院案件: reports at the litigation stage in the judge's pairings, overdue first."""

    allowed = staticmethod(may_see_cases)
    page_title = gettext_lazy("法院案件")
    header_icon = "calendar-check"
    paginate_by = 50
    index_url_name = f"{CASES}:index"
    index_results_url_name = f"{CASES}:index_results"

    @cached_property
    def columns(self) -> list:
        return [
            TitleColumn("code", label=gettext_lazy("报事编码"),
                        get_url=lambda r: reverse(f"{CASES}:detail", args=[r.pk])),
            Column("category", label=gettext_lazy("类别"), accessor="category.name"),
            Column("grid", label=gettext_lazy("发生地"), accessor="grid.name"),
            Column("judge", label=gettext_lazy("承办法官"), accessor=lambda r: _case_judge(r)),
            StatusTagColumn("status", label=gettext_lazy("状态"), accessor="get_status_display",
                            primary=lambda r: r.status == litigation.LITIGATION),
            DateColumn("due_at", label=gettext_lazy("办理期限"), sort_key="due_at"),
        ]

    def get_base_queryset(self):
        done = self.request.GET.get("show") == "all"
        return litigation.queue_for(self.request.user, include_decided=done)

    @property
    def no_results_message(self) -> str:
        return _("暂无转入法院的案件。")


def _case_judge(report) -> str:
    try:
        case = report.court_case
    except ObjectDoesNotExist:  # no court record yet (arrived while the plugin was off)
        return "—"
    return case.judge.name if case.judge else "—"


class CaseView(_Guarded, WagtailAdminTemplateMixin, TemplateView):
    """One case: the report, the bookings to link, and the outcome form."""

    allowed = staticmethod(may_see_cases)
    template_name = "court/admin/case.html"
    header_icon = "calendar-check"

    def setup(self, request: HttpRequest, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.report, self.case = None, None

    def load(self) -> None:
        self.report, self.case = litigation.case_for(self.request.user, self.kwargs["pk"])
        if self.report is None:
            raise Http404
        self.judge = litigation.judge_of(self.request.user)
        self.bookings = list(
            Booking.objects.filter(slot__judge=self.judge).exclude(status=BookingStatus.CANCELLED)
            .select_related("slot__judge__user", "resident").order_by("-slot__starts_at")[:50]
        ) if self.judge else []

    def get_page_title(self) -> str:
        return _("法院案件：%(code)s") % {"code": self.report.code}

    def get_breadcrumbs_items(self) -> list:
        return [*self.breadcrumbs_items,
                {"url": reverse(f"{CASES}:index"), "label": _("法院案件")},
                {"url": "", "label": self.report.code}]

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.load()
        return self.render_to_response(self.get_context_data(form=OutcomeForm(bookings=self.bookings)))

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.load()
        form = OutcomeForm(request.POST, bookings=self.bookings)
        if request.POST.get("action") == "link":
            try:
                litigation.link_booking(self.report.pk, request.user, int(request.POST.get("booking") or 0))
            except (services.CourtError, ValueError) as exc:
                messages.error(request, getattr(exc, "messages", [str(exc)])[0])
            else:
                messages.success(request, _("已关联诉前调解预约。"))
            return redirect(f"{CASES}:detail", pk=self.report.pk)
        if form.is_valid():
            try:
                data = form.cleaned_data
                litigation.record_outcome(self.report.pk, request.user, outcome=data["outcome"],
                                          note=data["note"], booking_id=data["booking"])
            except services.CourtError as exc:
                form.add_error(None, exc.messages[0])
            else:
                messages.success(request, _("已记录办理结果，报事已办结。"))
                return redirect(f"{CASES}:index")
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        judge_ok = self.judge is not None and litigation.judges_covering(self.report).filter(
            pk=self.judge.pk).exists()
        context.update({
            "report": self.report, "case": self.case, "bookings": self.bookings,
            "can_act": judge_ok and self.report.status == litigation.LITIGATION,
            "judges": list(litigation.judges_covering(self.report)),
            "transitions": list(self.report.transitions.select_related("actor")
                                .order_by("created_at")),
        })
        return context


LIST_LIMIT = 100  # newest rows shown on the judge's and reviewer's pages


class BookingListView(_Guarded, WagtailAdminTemplateMixin, TemplateView):
    """预约名单: bookings on the judge's own slots (all, for superusers); mark 已接待."""

    allowed = staticmethod(may_see_bookings)
    page_title = gettext_lazy("预约名单")
    header_icon = "date"
    template_name = "court/admin/bookings.html"

    def get_context_data(self, **kwargs) -> dict:
        bookings = Booking.objects.select_related("slot__judge__user", "resident", "booked_by",
                                                  "report")
        if not self.request.user.is_superuser:
            bookings = bookings.filter(slot__judge__user=self.request.user)
        rows = list(bookings.order_by("-slot__starts_at")[:LIST_LIMIT])
        for row in rows:
            row.when = services.slot_label(row.slot)
        return {**super().get_context_data(**kwargs), "bookings": rows, "limit": LIST_LIMIT}

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            services.mark_held(int(request.POST.get("booking") or 0), request.user)
        except (services.CourtError, ValueError) as exc:
            messages.error(request, getattr(exc, "messages", [str(exc)])[0])
        else:
            messages.success(request, _("已标记为已接待。"))
        return redirect(f"{BOOKINGS}:index")


class AnswerReviewView(_Guarded, WagtailAdminTemplateMixin, TemplateView):
    """问答审核: answers in the reviewer's scope (asker's grid); publish good ones as FAQ."""

    allowed = staticmethod(lambda user: user.has_perm(faq.PUBLISH_PERMISSION))
    page_title = gettext_lazy("问答审核")
    header_icon = "help"
    template_name = "court/admin/answers.html"

    def get_context_data(self, **kwargs) -> dict:
        rows = list(faq.answers_to_moderate(self.request.user)[:LIST_LIMIT])
        return {**super().get_context_data(**kwargs), "answers": rows, "limit": LIST_LIMIT}

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        answer_id = request.POST.get("answer") or ""
        publish = request.POST.get("publish") == "1"
        if not answer_id.isdigit():
            raise Http404
        get_object_or_404(faq.answers_to_moderate(request.user), pk=int(answer_id))
        try:
            faq.set_published(int(answer_id), request.user, publish)
        except services.CourtError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("已公开为常见问题。") if publish else _("已撤回公开。"))
        return redirect(f"{ANSWERS}:index")
