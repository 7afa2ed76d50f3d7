"""Residents' and moderators' forms. Every message is Chinese; the text stays in the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .images import clean_images
from .models import BODY_MAX, COMMENT_MAX, MAX_IMAGES, TITLE_MAX, BanDays, FlagReason


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ImagesField(forms.FileField):
    """Up to MAX_IMAGES photos, checked and re-encoded without EXIF (images.py)."""

    widget = MultipleImageInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": "image/*"}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        files: list[UploadedFile] = [f for f in (data if isinstance(data, list | tuple)
                                                 else [data]) if f]
        try:
            return clean_images(files)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages[0]) from exc


class PostForm(forms.Form):
    title = forms.CharField(
        label=_("标题"), max_length=TITLE_MAX,
        widget=forms.TextInput(attrs={"placeholder": _("一句话说清楚，如：东门电动车充电桩坏了")}),
        error_messages={"required": _("请填写标题。"),
                        "max_length": _("标题不能超过 %(limit_value)s 个字。")})
    body = forms.CharField(
        label=_("内容"), max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": _("说说您看到的情况或想法，请文明发言")}),
        error_messages={"required": _("请填写内容。"),
                        "max_length": _("内容不能超过 %(limit_value)s 个字。")})
    images = ImagesField(label=_("图片（选填）"), required=False,
                         help_text=_("最多 %(n)s 张，每张不超过 5 MB。") % {"n": MAX_IMAGES})


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("评论"), max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("友善评论，文明交流")}),
        error_messages={"required": _("请填写评论内容。"),
                        "max_length": _("评论不能超过 %(limit_value)s 个字。")})


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("举报原因"), choices=FlagReason.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": _("请选择举报原因。"),
                                               "invalid_choice": _("请选择举报原因。")})
    detail = forms.CharField(label=_("补充说明（选填）"), max_length=200, required=False,
                             widget=forms.TextInput())


class ModeratorEditForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=TITLE_MAX, required=False)
    body = forms.CharField(label=_("内容"), max_length=BODY_MAX,
                           widget=forms.Textarea(attrs={"rows": 8}),
                           error_messages={"required": _("编辑后的内容不能为空。")})


class BanForm(forms.Form):
    days = forms.TypedChoiceField(label=_("禁言时长"), choices=BanDays.choices, coerce=int,
                                  error_messages={"required": _("请选择禁言时长。")})
    reason = forms.CharField(label=_("禁言原因"), max_length=200,
                             error_messages={"required": _("请填写禁言原因。")})
