"""Residents' forms: 申领 with up to three photos. Every message is Chinese."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from .availability import claimable_rules
from .models import MAX_PHOTOS

MAX_PHOTO_BYTES = 5 * 1024 * 1024


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.ImageField):
    """Several images in one input; each is checked as a real image (Pillow)."""

    default_error_messages = {
        "invalid_image": gettext_lazy("“%(name)s”不是有效的图片，请上传 JPG 或 PNG 照片。"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(
                _("最多上传 %(max)s 张照片。") % {"max": MAX_PHOTOS}, code="too_many"
            )
        cleaned = []
        for upload in files:
            if upload.size > MAX_PHOTO_BYTES:
                raise forms.ValidationError(
                    _("照片“%(name)s”超过 5 MB，请压缩后再上传。") % {"name": upload.name},
                    code="too_big",
                )
            try:
                cleaned.append(super().clean(upload, initial))
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    self.error_messages["invalid_image"] % {"name": upload.name},
                    code="invalid_image",
                ) from error
        return cleaned


class ClaimForm(forms.Form):
    rule_code = forms.ChoiceField(
        label=gettext_lazy("申领事项"),
        error_messages={
            "required": gettext_lazy("请选择申领事项。"),
            "invalid_choice": gettext_lazy("该事项不可申领，或在您所在的区域未启用。"),
        },
    )
    description = forms.CharField(
        label=gettext_lazy("事项说明"), max_length=500,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": gettext_lazy(
            "时间、地点、做了什么，如：11月3日上午在东栅路帮助独居老人搬运煤气罐")}),
        error_messages={
            "required": gettext_lazy("请说明您做了什么好事。"),
            "max_length": gettext_lazy("事项说明不能超过 500 字。"),
        },
    )
    photos = MultipleImageField(
        label=gettext_lazy("照片（选填）"), required=False,
        help_text=gettext_lazy("最多 3 张，每张不超过 5 MB，可作为审核依据。"),
    )

    def __init__(self, *args: Any, user: Any, site: Site, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rules = claimable_rules(user, site)
        self.fields["rule_code"].choices = [("", _("请选择"))] + [
            (rule.code, _("%(label)s（+%(points)s 分）") % {"label": rule.label,
                                                         "points": rule.points})
            for rule in self.rules
        ]

    def clean_description(self) -> str:
        value = self.cleaned_data["description"].strip()
        if not value:
            raise forms.ValidationError(_("请说明您做了什么好事。"), code="required")
        return value
