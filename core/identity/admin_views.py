"""实名认证 in the Wagtail admin: the queue of residents waiting, scoped to the grid.

A grid worker sees and decides only residents whose home grid lies in their scope
subtree; any other pk answers 404, exactly as a missing one does. The full
ID-card number is never shown here: the masked form is enough to compare with the
card the resident presents.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from core.grids.scoping import scope_queryset

from . import services
from .forms import VerificationDecisionForm
from .models import VerificationStatus

PERMISSION = "identity.verify_resident"


def pending_residents(user) -> QuerySet:
    """Residents waiting for verification within ``user``'s grid scope."""
    User = get_user_model()
    queryset = User._default_manager.filter(
        verification_status=VerificationStatus.PENDING
    ).select_related("home_grid")
    return scope_queryset(user, queryset, "home_grid")


class VerifierRequiredMixin:
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class QueueView(VerifierRequiredMixin, BaseListingView):
    page_title = gettext_lazy("实名认证")
    header_icon = "user"
    paginate_by = 50
    index_url_name = "identity_verification:index"
    index_results_url_name = "identity_verification:index_results"
    default_ordering = "date_joined"

    @cached_property
    def columns(self) -> list:
        return [
            TitleColumn(
                "name", label=gettext_lazy("姓名"),
                get_url=lambda user: reverse("identity_verification:detail", args=[user.pk]),
            ),
            Column("masked_mobile", label=gettext_lazy("手机号码")),
            Column("id_card_masked", label=gettext_lazy("身份证号码")),
            Column("home_grid", label=gettext_lazy("居住网格")),
            DateColumn("date_joined", label=gettext_lazy("注册时间")),
        ]

    def get_base_queryset(self) -> QuerySet:
        return pending_residents(self.request.user)

    @property
    def no_results_message(self) -> str:
        return _("暂无待审核的居民。")


class DecisionView(VerifierRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "identity/admin/verification_detail.html"
    header_icon = "user"

    def setup(self, request: HttpRequest, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.resident = None

    def get_resident(self):
        return get_object_or_404(pending_residents(self.request.user), pk=self.kwargs["pk"])

    def get_page_title(self) -> str:
        return _("实名认证：%(name)s") % {"name": self.resident.name}

    def get_breadcrumbs_items(self) -> list:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("identity_verification:index"), "label": _("实名认证")},
            {"url": "", "label": self.resident.name},
        ]

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.resident = self.get_resident()
        return self.render_to_response(self.get_context_data(form=VerificationDecisionForm()))

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.resident = self.get_resident()
        form = VerificationDecisionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        note = form.cleaned_data["note"].strip()
        if form.cleaned_data["decision"] == form.APPROVE:
            services.approve(self.resident, request.user, note)
            messages.success(request, _("已通过 %(name)s 的实名认证。") % {"name": self.resident.name})
        else:
            services.reject(self.resident, request.user, note)
            messages.success(request, _("已退回 %(name)s 的实名认证。") % {"name": self.resident.name})
        return redirect("identity_verification:index")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["resident"] = self.resident
        return context


class VerifierMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PERMISSION)


class VerificationViewSet(ViewSet):
    name = "identity_verification"
    url_prefix = "verification"
    icon = "user"
    menu_label = gettext_lazy("实名认证")
    menu_order = 210
    add_to_admin_menu = True
    menu_item_class = VerifierMenuItem

    def get_urlpatterns(self) -> list:
        queue = QueueView.as_view()
        return [
            path("", queue, name="index"),
            path("results/", QueueView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", DecisionView.as_view(), name="detail"),
        ]


verification_viewset = VerificationViewSet()
