"""Forms: the residents' booking and question forms, and the court's admin forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.grids.models import GridLevel
from core.grids.scoping import grids_in_scope
from core.identity.roles import GROUP_NAMES

from .models import DisputeType, JudgeProfile, Outcome, Slot


class BookingForm(forms.Form):
    dispute_type = forms.ChoiceField(label=_("纠纷类型"), choices=DisputeType.choices,
                                     error_messages={"required": _("请选择纠纷类型。")})
    focus = forms.CharField(
        label=_("纠纷焦点"), min_length=5, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": _("如：对方不同意返还彩礼，双方对金额有争议")}),
        error_messages={"required": _("请简要写明纠纷焦点。"),
                        "min_length": _("请简要写明纠纷焦点（不少于5个字）。")},
    )
    report = forms.TypedChoiceField(label=_("关联报事（可选）"), required=False, coerce=int,
                                    empty_value=None)
    resident = forms.TypedChoiceField(label=_("当事居民"), required=False, coerce=int,
                                      empty_value=None,
                                      help_text=_("网格员代居民预约时选择；为本人预约请留空。"))

    def __init__(self, *args: Any, reports=(), residents=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["report"].choices = [("", _("不关联"))] + [
            (r.pk, f"{r.code} {r.description[:16]}") for r in reports]
        if residents:
            self.fields["resident"].choices = [("", _("本人"))] + [
                (u.pk, f"{u.name}（{u.masked_mobile}，{u.home_grid.name}）") for u in residents]
        else:
            del self.fields["resident"]
        if not reports:
            del self.fields["report"]


class QuestionForm(forms.Form):
    category = forms.ChoiceField(label=_("问题类别"), choices=DisputeType.choices)
    title = forms.CharField(label=_("标题"), max_length=60,
                            widget=forms.TextInput(attrs={"placeholder": _("一句话概括您的问题")}),
                            error_messages={"required": _("请填写标题。")})
    body = forms.CharField(label=_("问题描述"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 5}),
                           error_messages={"required": _("请填写问题描述。")})
    anonymous = forms.BooleanField(label=_("公开时匿名（不显示我的姓名）"), required=False,
                                   initial=True)


class AnswerForm(forms.Form):
    body = forms.CharField(label=_("解答"), min_length=10, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 5}),
                           error_messages={"required": _("请填写解答。"),
                                           "min_length": _("解答内容不少于10个字。")})


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("办理结果"), choices=Outcome.choices, widget=forms.RadioSelect)
    booking = forms.TypedChoiceField(label=_("诉前调解预约"), required=False, coerce=int,
                                     empty_value=None)
    note = forms.CharField(label=_("办理情况"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("如调解协议要点、司法确认文书号、立案案号。"))

    def __init__(self, *args: Any, bookings=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["booking"].choices = [("", _("不关联"))] + [(b.pk, str(b)) for b in bookings]


class JudgeProfileForm(WagtailAdminModelForm):
    """Administrators pair a judge with villages/communities inside the court's county."""

    class Meta:
        model = JudgeProfile
        fields = ["user", "court", "tribunal", "title", "court_grid", "paired_grids", "phone",
                  "shared_court_place", "intro", "active"]
        widgets = {"paired_grids": forms.CheckboxSelectMultiple,
                   "intro": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        judges = get_user_model().objects.filter(groups__name=GROUP_NAMES["judge"], is_active=True)
        current = Q(pk=self.instance.user_id) if self.instance.pk else Q(pk__in=[])
        self.fields["user"].queryset = get_user_model().objects.filter(
            Q(pk__in=judges.values("pk")) | current).order_by("name")
        self.fields["user"].help_text = _("只能选择具有“法官”角色的账号。")
        if self.for_user is not None:
            scope = grids_in_scope(self.for_user)
            self.fields["court_grid"].queryset = scope.filter(level=GridLevel.COUNTY)
            self.fields["paired_grids"].queryset = scope.filter(
                level=GridLevel.COMMUNITY).order_by("path")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        grids = list(data.get("paired_grids") or [])
        if data.get("court_grid") is not None:
            self.instance.court_grid = data["court_grid"]
            try:
                self.instance.clean_pairings(grids)
            except forms.ValidationError as exc:
                self.add_error("paired_grids", exc)
        return data


class SlotForm(WagtailAdminModelForm):
    class Meta:
        model = Slot
        fields = ["judge", "starts_at", "ends_at", "kind", "mode", "place", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.has_perm("court.change_judgeprofile"):
            # A judge publishes their own slots only.
            self.fields["judge"].queryset = JudgeProfile.objects.filter(user=user)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("结束时间必须晚于开始时间。"))
        if self.instance.pk and (start, end) != (self.instance.starts_at, self.instance.ends_at) \
                and self.instance.bookings.filter(status="booked").exists():
            self.add_error("starts_at", _("该时段已有居民预约，不能修改时间；请先与居民沟通并取消预约。"))
        judge = data.get("judge")
        if judge and start and Slot.objects.filter(judge=judge, starts_at=start).exclude(
                pk=self.instance.pk).exists():
            self.add_error("starts_at", _("该法官在这个时间已有时段。"))
        return data
