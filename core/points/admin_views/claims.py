"""申领审核: the queue of claims in the staff member's grid subtree, and the decision.

Another grid's claim answers 404 exactly as a missing one; the decision goes
through ``claims.approve_claim``/``reject_claim``, which re-check the scope and
lock the claim, so two reviewers clicking at once award once.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from ..availability import site_for
from ..claims import approve_claim, reject_claim, reviewable_claims
from ..errors import PointsError
from ..models import ClaimStatus, PointClaim
from ..rules import rule_labels
from .common import REVIEW_PERMISSION, PermissionRequiredMixin, menu_item_for


class ClaimFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label=gettext_lazy("状态"), choices=ClaimStatus.choices,
                          empty_label=gettext_lazy("全部"))

    class Meta:
        model = PointClaim
        fields = ["status"]


class ClaimDecisionForm(forms.Form):
    APPROVE, REJECT = "approve", "reject"

    decision = forms.ChoiceField(
        label=gettext_lazy("审核结果"), choices=[(APPROVE, gettext_lazy("通过并计分")),
                                            (REJECT, gettext_lazy("驳回"))],
        widget=forms.RadioSelect, error_messages={"required": gettext_lazy("请选择审核结果。")},
    )
    reason = forms.CharField(
        label=gettext_lazy("审核意见"), max_length=200, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("驳回时必须填写理由，居民会在消息中看到。"),
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("decision") == self.REJECT and not (data.get("reason") or "").strip():
            self.add_error("reason", _("驳回申领必须填写理由。"))
        return data


class ClaimQueueView(PermissionRequiredMixin, BaseListingView):
    permission = REVIEW_PERMISSION
    page_title = gettext_lazy("申领审核")
    header_icon = "tasks"
    paginate_by = 50
    index_url_name = "points_claims:index"
    index_results_url_name = "points_claims:index_results"
    default_ordering = "created_at"
    filterset_class = ClaimFilterSet

    @cached_property
    def columns(self) -> list:
        labels = rule_labels()
        return [
            TitleColumn(
                "resident", label=gettext_lazy("居民"), accessor=lambda c: c.resident.name,
                get_url=lambda claim: reverse("points_claims:detail", args=[claim.pk]),
            ),
            Column("rule_code", label=gettext_lazy("申领事项"),
                   accessor=lambda claim: labels.get(claim.rule_code, claim.rule_code)),
            Column("description", label=gettext_lazy("事项说明"),
                   accessor=lambda claim: claim.description[:40]),
            Column("grid", label=gettext_lazy("所属网格")),
            Column("status", label=gettext_lazy("状态"), accessor="get_status_display"),
            DateColumn("created_at", label=gettext_lazy("申领时间")),
        ]

    def get_filterset_kwargs(self) -> dict:
        kwargs = super().get_filterset_kwargs()
        data = kwargs["data"].copy()
        if "status" not in data:  # the queue opens on what needs doing
            data["status"] = ClaimStatus.PENDING
        kwargs["data"] = data
        return kwargs

    def get_base_queryset(self) -> QuerySet:
        return reviewable_claims(self.request.user)

    @property
    def no_results_message(self) -> str:
        return _("暂无符合条件的积分申领。")


class ClaimDecisionView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission = REVIEW_PERMISSION
    template_name = "points/admin/claim_detail.html"
    header_icon = "tasks"

    def get_claim(self) -> PointClaim:
        queryset = reviewable_claims(self.request.user).prefetch_related("photos")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def get_page_title(self) -> str:
        return _("申领审核：%(name)s") % {"name": self.claim.resident.name}

    def get_breadcrumbs_items(self) -> list:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("points_claims:index"), "label": _("申领审核")},
            {"url": "", "label": self.claim.resident.name},
        ]

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.claim = self.get_claim()
        return self.render_to_response(self.get_context_data(form=ClaimDecisionForm()))

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.claim = self.get_claim()
        form = ClaimDecisionForm(request.POST)
        if form.is_valid():
            try:
                self.decide(form)
            except PointsError as error:
                form.add_error(None, error)
            else:
                return redirect("points_claims:index")
        return self.render_to_response(self.get_context_data(form=form))

    def decide(self, form: ClaimDecisionForm) -> None:
        reason = form.cleaned_data["reason"]
        name = self.claim.resident.name
        if form.cleaned_data["decision"] == form.APPROVE:
            claim = approve_claim(self.claim.pk, self.request.user, reason=reason,
                                  site=site_for(self.request))
            messages.success(self.request, _("已通过 %(name)s 的申领，计 %(points)s 分。")
                             % {"name": name, "points": claim.entry.amount})
        else:
            reject_claim(self.claim.pk, self.request.user, reason=reason)
            messages.success(self.request, _("已驳回 %(name)s 的申领。") % {"name": name})

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["claim"] = self.claim
        context["rule_label"] = rule_labels().get(self.claim.rule_code, self.claim.rule_code)
        return context


class ClaimReviewViewSet(ViewSet):
    name = "points_claims"
    url_prefix = "points/claims"
    icon = "tasks"
    menu_label = gettext_lazy("申领审核")
    menu_item_class = menu_item_for(REVIEW_PERMISSION)

    def get_urlpatterns(self) -> list:
        return [
            path("", ClaimQueueView.as_view(), name="index"),
            path("results/", ClaimQueueView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", ClaimDecisionView.as_view(), name="detail"),
        ]


claims_viewset = ClaimReviewViewSet()
