"""Residents' forms (opinion, suggestion) and the staff forms used in the Wagtail admin."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.grids.scoping import grids_in_scope

from .models import Decision, PollKind, Stage, SuggestionStatus
from .services.issues import ANSWERS
from .services.topics import OPINION_MAX, SUGGESTION_BODY_MAX, SUGGESTION_TITLE_MAX


class OpinionForm(forms.Form):
    body = forms.CharField(
        label=_("我的意见"), max_length=OPINION_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("说说您的看法，文明理性发言")}),
        error_messages={"required": _("请填写意见内容。"),
                        "max_length": _("意见内容不能超过 1000 字。")})
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class SuggestionForm(forms.Form):
    title = forms.CharField(label=_("建议标题"), max_length=SUGGESTION_TITLE_MAX,
                            error_messages={"required": _("请填写建议标题。")},
                            widget=forms.TextInput(attrs={"placeholder": _("一句话说明您的建议")}))
    body = forms.CharField(
        label=_("建议内容"), max_length=SUGGESTION_BODY_MAX,
        error_messages={"required": _("请填写建议内容。")},
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": _("写清楚问题在哪里、您建议怎么做")}))


class PollAdminForm(WagtailAdminModelForm):
    """Single choice means one; at least two options; results default from the settings."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            from .services import plugin_settings

            self.initial.setdefault("results_mode", plugin_settings()["results_default"])
        if self.for_user is not None and "grid" in self.fields:
            self.fields["grid"].queryset = grids_in_scope(self.for_user)

    def clean(self):
        data = super().clean()
        if data.get("kind") == PollKind.SINGLE:
            data["max_choices"] = 1
            self.instance.max_choices = 1
        choices = self.formsets.get("choices")
        if choices is not None and choices.is_valid():
            kept = [f for f in choices.forms
                    if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            if len(kept) < 2:
                raise forms.ValidationError(_("投票至少需要两个选项。"))
            if data.get("kind") == PollKind.MULTIPLE and data.get("max_choices", 1) > len(kept):
                self.add_error("max_choices", _("最多可选数不能超过选项数。"))
        return data

    def save(self, commit: bool = True):
        poll = super().save(commit=False)
        if poll.created_by_id is None and self.for_user is not None:
            poll.created_by = self.for_user
        if commit:
            poll.save()
            self.save_m2m()  # writes the inline choices
        return poll


class RespondForm(forms.Form):
    status = forms.ChoiceField(label=_("处理结果"),
                               choices=[(s.value, s.label) for s in ANSWERS])
    reply = forms.CharField(label=_("答复居民"), widget=forms.Textarea(attrs={"rows": 4}),
                            error_messages={"required": _("请填写给居民的答复。")})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].initial = SuggestionStatus.ADOPTED


class DecisionAdminForm(WagtailAdminModelForm):
    """Creating a decision records its 建议 step in the same transaction."""

    class Meta:
        model = Decision
        fields = ["title", "grid", "description"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["grid"].queryset = grids_in_scope(self.for_user).filter(
                level__in=["community", "grid"])

    def save(self, commit: bool = True):
        from django.db import transaction

        from .services.decisions import start

        is_new = self.instance.pk is None
        with transaction.atomic():
            decision = super().save(commit=commit)
            if commit and is_new:
                start(decision, self.for_user, timezone.localdate(),
                      _("事项提出：%(title)s") % {"title": decision.title})
        return decision


class StepForm(forms.Form):
    held_on = forms.DateField(label=_("会议/办理日期"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("情况说明"), widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("请填写本环节的情况说明。")})
    entitled = forms.IntegerField(label=_("应到人数"), min_value=1, required=False)
    present = forms.IntegerField(label=_("实到人数"), min_value=0, required=False)
    in_favour = forms.IntegerField(label=_("赞成"), min_value=0, required=False)
    against = forms.IntegerField(label=_("反对"), min_value=0, required=False, initial=0)
    abstained = forms.IntegerField(label=_("弃权"), min_value=0, required=False, initial=0)

    def __init__(self, *args, stage: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stage = stage
        self.fields["held_on"].initial = timezone.localdate()
        if stage not in (Stage.REVIEW, Stage.RESOLUTION):
            for name in ("entitled", "present", "in_favour", "against", "abstained"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if "entitled" in self.fields:
            for name in ("entitled", "present", "in_favour"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("请填写人数。"))
        return data
