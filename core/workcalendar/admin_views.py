"""节假日安排 in the Wagtail admin (设置 menu): the years, their dates, the package copy,
and the home-page warning about years without data.

Only users with the model permissions (the 管理员 role, superusers) see any of it;
edits are audit-logged by Wagtail's generic views, copies by ``CopyView``.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from core.adminviews import IndexWithActionView, ViewSetActionView

from .forms import CopyFromPackageForm, HolidayYearForm
from .models import HolidayYear
from .services import copy_from_package, missing_years, year_source

ADD_PERMISSION = "workcalendar.add_holidayyear"
CHANGE_PERMISSION = "workcalendar.change_holidayyear"
ACTION_COPIED = "workcalendar.copied"
# The State Council announces next year's days in late autumn; warning earlier
# would only be noise an administrator cannot act on.
WARN_NEXT_YEAR_FROM_MONTH = 10


def years_needed(today: date) -> list[int]:
    """The years deadlines are computed in now: this year, and next year from October."""
    years = [today.year]
    if today.month >= WARN_NEXT_YEAR_FROM_MONTH:
        years.append(today.year + 1)
    return years


class YearIndexView(IndexWithActionView):
    action_label = gettext_lazy("从内置日历复制")
    action_url_name = "workcalendar_years:copy"
    action_icon = "copy"
    action_permission = ADD_PERMISSION


class CopyView(ViewSetActionView):
    template_name = "workcalendar/admin/copy.html"
    form_class = CopyFromPackageForm
    page_title = gettext_lazy("从内置日历复制")
    header_icon = "date"
    permission = ADD_PERMISSION
    index_url_name = "workcalendar_years:index"
    index_label = gettext_lazy("节假日安排")

    def form_valid(self, form: CopyFromPackageForm) -> HttpResponse:
        try:
            holiday_year = copy_from_package(form.cleaned_data["year"], user=self.request.user)
        except ValidationError as error:
            form.add_error("year", error)
            return self.form_invalid(form)
        log(holiday_year, ACTION_COPIED, user=self.request.user)
        messages.success(self.request, _("已复制 %(year)s 年的日期，核对后勾选“已录入完整”即生效。") % {
            "year": holiday_year.year})
        return redirect("workcalendar_years:edit", holiday_year.pk)


def _source_label(year: HolidayYear) -> str:
    source = year_source(year.year)
    if source == "admin":
        return _("以本记录为准")
    if source == "package":
        return _("草稿；使用内置日历")
    return _("草稿；该年无数据")


class HolidayYearViewSet(ModelViewSet):
    model = HolidayYear
    icon = "date"
    menu_label = gettext_lazy("节假日安排")
    add_to_settings_menu = True
    index_view_class = YearIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_filter = ["complete"]
    ordering = ["-year"]
    # The model's panels, with our form carrying the cross-row checks.
    edit_handler = ObjectList(HolidayYear.panels, base_form_class=HolidayYearForm)
    list_display = [
        "year",
        "source",
        BooleanColumn("complete", label=gettext_lazy("已录入完整")),
        Column("in_use", label=gettext_lazy("计算依据"), accessor=_source_label),
        Column("updated_at", label=gettext_lazy("更新时间"),
               accessor=lambda y: timezone.localtime(y.updated_at).strftime("%Y-%m-%d %H:%M")),
    ]

    def get_urlpatterns(self) -> list:
        return [*super().get_urlpatterns(),
                path("copy/", CopyView.as_view(), name="copy")]


year_viewset = HolidayYearViewSet("workcalendar_years", url_prefix="workcalendar/years")


class MissingYearsPanel(Component):
    """Wagtail admin home: tells administrators which needed years have no data."""

    name = "workcalendar_missing"
    order = 50
    template_name = "workcalendar/admin/homepage_panel.html"

    def __init__(self, years: list[int], can_edit: bool) -> None:
        self.years = years
        self.can_edit = can_edit

    def get_context_data(self, parent_context=None) -> dict:
        return {"years": self.years, "can_edit": self.can_edit,
                "add_url": reverse("workcalendar_years:add")}


def homepage_panel(request: HttpRequest) -> MissingYearsPanel | None:
    """The warning panel for this user, or None (no permission, or nothing missing)."""
    user = request.user
    if not (user.has_perm(CHANGE_PERMISSION) or user.has_perm(ADD_PERMISSION)):
        return None
    missing = missing_years(years_needed(timezone.localdate()))
    if not missing:
        return None
    return MissingYearsPanel(missing, user.has_perm(ADD_PERMISSION))
