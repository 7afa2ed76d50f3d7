"""Forms for the resident and counselor pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CounselorProfile, WeeklyAvailability
from .scales import CHOICES, Scale


class ScaleForm(forms.Form):
    """One radio group per item, named q1…qN."""

    def __init__(self, scale: Scale, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scale = scale
        for number, text in enumerate(scale.items, start=1):
            self.fields[f"q{number}"] = forms.TypedChoiceField(
                label=f"{number}. {text}", choices=CHOICES, coerce=int,
                widget=forms.RadioSelect, error_messages={"required": _("请回答这一题。")})

    def answers(self) -> list[int]:
        return [self.cleaned_data[f"q{n}"] for n in range(1, len(self.scale.items) + 1)]


class MessageForm(forms.Form):
    text = forms.CharField(label=_("消息"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    text = forms.CharField(label=_("咨询笔记（仅您本人可见，加密保存）"), required=False,
                           max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))


class QuestionForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=80)
    body = forms.CharField(label=_("问题描述"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("匿名展示，不会公开您的姓名和手机号。请勿填写可识别身份的信息。"))


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("回答"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))


class ProfileForm(forms.ModelForm):
    class Meta:
        model = CounselorProfile
        fields = ["display_name", "intro", "specialties", "online", "in_person", "place", "active"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 4})}


class WeeklyForm(forms.ModelForm):
    class Meta:
        model = WeeklyAvailability
        fields = ["weekday", "start", "minutes", "mode"]
        widgets = {"start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def __init__(self, profile: CounselorProfile, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        self.fields["minutes"].min_value = 15

    def clean(self):
        data = super().clean()
        if self.profile.weekly.filter(weekday=data.get("weekday"), start=data.get("start")).exists():
            raise forms.ValidationError(_("这个时间已经设置过了。"))
        return data
