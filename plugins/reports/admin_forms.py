"""Staff forms of the 报事工作台: queue filters, case actions, 代为报事, figures period."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.grids.scoping import grids_in_scope, scope_queryset

from . import rules
from .models import Category, Report, Urgency

S = Report.Status
ACTIVE_CHOICES = [(s, S(s).label) for s in (S.SUBMITTED, *rules.HANDLING)]


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("状态"), required=False,
        choices=[("", gettext_lazy("办理中（全部）"))] + list(S.choices))
    category = forms.ModelChoiceField(
        label=gettext_lazy("类别"), required=False, queryset=Category.objects.all(),
        empty_label=gettext_lazy("全部类别"))
    urgency = forms.ChoiceField(label=gettext_lazy("紧急程度"), required=False,
                                choices=[("", gettext_lazy("全部"))] + list(Urgency.choices))


class ActionForm(forms.Form):
    """One move on a case: every move needs a note (who did what and why is the record)."""

    action = forms.ChoiceField(label=gettext_lazy("操作"), choices=S.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": gettext_lazy("请选择要执行的操作。")})
    note = forms.CharField(
        label=gettext_lazy("办理意见"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("请填写办理意见。")})
    resolution = forms.ChoiceField(label=gettext_lazy("办结方式"), required=False,
                                   choices=[("", gettext_lazy("按当前环节"))])
    merge_code = forms.CharField(label=gettext_lazy("合并到报事编码"), required=False,
                                 max_length=32)

    def __init__(self, *args: Any, moves: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resolution"].choices += list(rules.RESOLUTIONS.items())
        if moves is not None:  # the page offers only what this user may do now
            self.fields["action"].choices = [(m, rules.MOVE_LABELS[m]) for m in moves]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("action") == S.MERGED and not data.get("merge_code", "").strip():
            self.add_error("merge_code", _("请填写要合并到的报事编码。"))
        return data


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=gettext_lazy("承办人"), queryset=None,
                                      error_messages={"required": gettext_lazy("请选择承办人。")})
    note = forms.CharField(
        label=gettext_lazy("办理意见"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("请填写办理意见。")})

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = candidates(report)
        self.fields["assignee"].label_from_instance = lambda user: (
            f"{user.name}（{user.scope_grid.name if user.scope_grid_id else ''}）")


def candidates(report: Report):
    """Staff who could handle the current stage: scoped at or above the report's grid."""
    roles = rules.STAGE_ROLES.get(report.status, frozenset()) | {"administrator"}
    if report.status in rules.COUNTY_STAGES:
        roles |= rules.COUNTY_STAGE_ROLES
    from core.identity.roles import GROUP_NAMES

    users = get_user_model().objects.filter(
        is_active=True, scope_grid__path__in=report.grid.chain_paths(),
        groups__name__in=[GROUP_NAMES[r] for r in roles],
    ).exclude(pk__in=[report.reporter_id, report.filed_by_id or 0]).select_related(
        "scope_grid").distinct().order_by("name")
    allowed = [user.pk for user in users if rules.handles_stage(user, report, report.status)]
    return users.filter(pk__in=allowed)


class OnBehalfForm(forms.Form):
    """代为报事: a grid worker files for a resident who came in person."""

    # Picked through the search above (a hidden id): a town has too many residents for a list.
    resident = forms.ModelChoiceField(
        label=gettext_lazy("报事居民"), queryset=None, widget=forms.HiddenInput,
        error_messages={"required": gettext_lazy("请先查找并选择居民。"),
                        "invalid_choice": gettext_lazy("只能为负责区域内的居民代为报事。")})
    category = forms.ModelChoiceField(
        label=gettext_lazy("事项类别"), queryset=Category.objects.filter(active=True),
        error_messages={"required": gettext_lazy("请选择事项类别。")})
    grid = forms.ModelChoiceField(label=gettext_lazy("发生网格"), queryset=None,
                                  error_messages={"required": gettext_lazy("请选择问题发生的网格。")})
    address = forms.CharField(label=gettext_lazy("地点"), max_length=200, required=False)
    description = forms.CharField(
        label=gettext_lazy("事项描述"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("请描述居民反映的问题。")})
    urgency = forms.ChoiceField(label=gettext_lazy("紧急程度"), required=False,
                                choices=[("", gettext_lazy("按类别默认"))] + list(Urgency.choices))
    anonymous = forms.BooleanField(label=gettext_lazy("对公众匿名"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        residents = scope_queryset(user, get_user_model().objects.filter(is_active=True),
                                   "home_grid").exclude(pk=user.pk)
        self.fields["resident"].queryset = residents.select_related("home_grid")
        self.fields["resident"].label_from_instance = lambda person: (
            f"{person.name}（{person.masked_mobile}，{person.home_grid.name}）")
        self.fields["grid"].queryset = grids_in_scope(user).order_by("path")


class FiguresForm(forms.Form):
    grid = forms.ModelChoiceField(label=gettext_lazy("区域"), queryset=None, required=False,
                                  empty_label=None)
    start = forms.DateField(label=gettext_lazy("开始日期"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("结束日期"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Areas a staff user answers for: their own node, and below it down to communities
        # (a town's grids and micro-grids would make the list unusable).
        areas = Q(level__in=["city", "county", "town", "community"])
        if getattr(user, "scope_grid_id", None):
            areas |= Q(pk=user.scope_grid_id)
        self.fields["grid"].queryset = grids_in_scope(user).filter(areas).order_by("path")
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault("start", today.replace(month=1, day=1))
            self.initial.setdefault("end", today)

    def period(self) -> tuple[date, date]:
        today = timezone.localdate()
        data = getattr(self, "cleaned_data", {})  # unbound: this year so far
        start = data.get("start") or today.replace(month=1, day=1)
        end = data.get("end") or today
        return start, end

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise ValidationError(_("开始日期不能晚于结束日期。"))
        return data
