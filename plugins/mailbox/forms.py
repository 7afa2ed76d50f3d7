"""Forms for residents (写信) and staff (答复); Django's own messages are in Chinese."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BODY_MAX, Letter

BODY_MIN = 10


def _check_length(value: str, minimum: int, message: str) -> str:
    value = value.strip()
    if len(value) < minimum:
        raise forms.ValidationError(message, code="too_short")
    return value


class LetterForm(forms.ModelForm):
    class Meta:
        model = Letter
        fields = ["category", "subject", "body", "anonymous"]
        widgets = {
            "subject": forms.TextInput(attrs={"placeholder": _("一句话说明来信事项")}),
            "body": forms.Textarea(attrs={
                "rows": 6, "placeholder": _("请写清楚时间、地点和具体情况，便于网格员尽快处理。"),
            }),
        }

    def clean_subject(self) -> str:
        return _check_length(self.cleaned_data["subject"], 4, _("标题至少需要4个字。"))

    def clean_body(self) -> str:
        return _check_length(
            self.cleaned_data["body"], BODY_MIN,
            _("请把情况写得具体一些，内容至少需要%(min)d个字。") % {"min": BODY_MIN},
        )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("回复内容"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("回复会发送到居民的消息中心，请使用礼貌、清楚的语言。"),
    )
    close = forms.BooleanField(
        label=_("答复后关闭此来信"), required=False,
        help_text=_("事项已办结时勾选；关闭后不能再回复。"),
    )

    def clean_body(self) -> str:
        return _check_length(self.cleaned_data["body"], 2, _("回复内容至少需要2个字。"))
