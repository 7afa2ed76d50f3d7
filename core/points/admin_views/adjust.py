"""人工调整: a staff member adds or deducts points for a resident in their scope.

The resident is picked with a chooser that lists only residents whose home grid
lies in the staff member's subtree; the form field re-checks it on submit.
``services.adjust`` writes the entry and the audit-log line (积分人工调整), which
shows in the account's history and in Wagtail's site history report.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.chooser import ChooserViewSet

from core.grids.scoping import scope_queryset

from ..errors import PointsError
from ..services import adjust
from .common import ADJUST_PERMISSION, PermissionRequiredMixin, menu_item_for

MAX_ADJUSTMENT = 10000


def residents_in_scope(user: Any) -> QuerySet:
    """Active users whose home grid is in ``user``'s subtree."""
    queryset = get_user_model()._default_manager.filter(is_active=True).select_related(
        "home_grid")
    return scope_queryset(user, queryset, "home_grid").order_by("name", "pk")


class ResidentSearchForm(BaseFilterForm):
    q = forms.CharField(label=gettext_lazy("姓名或手机号"), required=False)

    def filter(self, objects: QuerySet) -> QuerySet:
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            objects = objects.filter(Q(name__icontains=query) | Q(mobile__startswith=query))
        return objects


class ScopedChooseMixin:
    filter_form_class = ResidentSearchForm

    def get_object_list(self) -> QuerySet:
        return residents_in_scope(self.request.user)

    @property
    def columns(self) -> list:
        return [
            TitleColumn(
                "name", label=gettext_lazy("居民"), accessor=str,
                get_url=lambda user: self.append_preserved_url_parameters(
                    reverse(self.chosen_url_name, args=(user.pk,))),
                link_attrs={"data-chooser-modal-choice": True},
            ),
            Column("home_grid", label=gettext_lazy("居住网格")),
        ]


class ResidentChooseView(ScopedChooseMixin, chooser_views.ChooseView):
    pass


class ResidentChooseResultsView(ScopedChooseMixin, chooser_views.ChooseResultsView):
    pass


class ResidentChosenView(chooser_views.ChosenView):
    def get_object(self, pk: Any) -> Any:
        return residents_in_scope(self.request.user).get(pk=pk)


class ResidentChooserViewSet(ChooserViewSet):
    model = "identity.User"
    icon = "user"
    choose_one_text = gettext_lazy("选择居民")
    choose_another_text = gettext_lazy("重新选择")
    page_title = gettext_lazy("选择居民")
    register_widget = False  # never replace the user pickers of other forms
    per_page = 20
    choose_view_class = ResidentChooseView
    choose_results_view_class = ResidentChooseResultsView
    chosen_view_class = ResidentChosenView

    def get_urlpatterns(self) -> list:
        # Scoped look-ups need a signed-in staff member with the permission.
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = _require(ADJUST_PERMISSION, pattern.callback)
        return patterns


def _require(permission: str, view: Any) -> Any:
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm(permission):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


resident_chooser_viewset = ResidentChooserViewSet("points_resident_chooser",
                                                  url_prefix="points/residents")


class AdjustmentForm(forms.Form):
    resident = forms.ModelChoiceField(
        label=gettext_lazy("居民"), queryset=get_user_model().objects.none(),
        error_messages={
            "required": gettext_lazy("请选择居民。"),
            "invalid_choice": gettext_lazy("该居民不存在或不在您的管辖范围内。"),
        },
    )
    amount = forms.IntegerField(
        label=gettext_lazy("调整分值"), min_value=-MAX_ADJUSTMENT, max_value=MAX_ADJUSTMENT,
        help_text=gettext_lazy("正数为增加，负数为扣减；扣减不会使余额低于 0。"),
        error_messages={
            "required": gettext_lazy("请填写调整分值。"),
            "invalid": gettext_lazy("调整分值必须是整数。"),
            "min_value": gettext_lazy("单次扣减不能超过 %(limit_value)s 分。"),
            "max_value": gettext_lazy("单次增加不能超过 %(limit_value)s 分。"),
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("调整事由"), max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("必填，居民会在积分明细中看到。"),
        error_messages={"required": gettext_lazy("人工调整必须填写事由。"),
                        "max_length": gettext_lazy("事由不能超过 200 字。")},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["resident"].queryset = residents_in_scope(user)
        self.fields["resident"].widget = resident_chooser_viewset.widget_class()

    def clean_amount(self) -> int:
        amount = self.cleaned_data["amount"]
        if amount == 0:
            raise forms.ValidationError(_("调整分值不能为 0。"))
        return amount

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("人工调整必须填写事由。"))
        return reason

    def clean_resident(self) -> Any:
        resident = self.cleaned_data["resident"]
        if resident.pk == self.user.pk:
            raise forms.ValidationError(_("不能调整本人的积分。"))
        return resident


class AdjustView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    permission = ADJUST_PERMISSION
    template_name = "points/admin/adjust.html"
    page_title = gettext_lazy("人工调整")
    header_icon = "edit"
    form_class = AdjustmentForm

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self) -> dict:
        resident = self.request.GET.get("resident", "")
        return {"resident": resident} if resident.isdigit() else {}

    def form_valid(self, form: AdjustmentForm) -> HttpResponse:
        resident, amount = form.cleaned_data["resident"], form.cleaned_data["amount"]
        try:
            entry = adjust(resident, amount, reason=form.cleaned_data["reason"],
                           actor=self.request.user)
        except PointsError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("已为 %(name)s 调整 %(applied)+d 分，当前余额 %(balance)s 分。")
                         % {"name": resident.name, "applied": entry.amount,
                            "balance": entry.balance_after})
        return redirect(reverse("points_adjust:index"))


class AdjustViewSet(ViewSet):
    name = "points_adjust"
    url_prefix = "points/adjust"
    icon = "edit"
    menu_label = gettext_lazy("人工调整")
    menu_item_class = menu_item_for(ADJUST_PERMISSION)

    def get_urlpatterns(self) -> list:
        return [path("", AdjustView.as_view(), name="index")]


adjust_viewset = AdjustViewSet()
