"""Residents' forms: 一键报事 (with photos) and the rating of a resolved report.

Every message is Chinese. Photos are checked and cleaned in ``clean_photos``
(plugins/reports/photos.py), so a form that validates holds only safe,
metadata-free images and nothing has been written anywhere yet.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import photos as photo_service
from .models import Report

Rating = Report.Rating

# Generous bounding box of China: a coordinate outside it is a typo or a spoof.
LATITUDE_RANGE = (Decimal("3"), Decimal("54"))
LONGITUDE_RANGE = (Decimal("73"), Decimal("136"))


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Up to MAX_PHOTOS images in one input; cleaned into PreparedPhoto objects."""

    widget = MultiplePhotoInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[photo_service.PreparedPhoto]:
        uploads = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        return photo_service.prepare_all(uploads)


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class ReportForm(forms.Form):
    """一键报事. ``categories`` are the active ones; urgency is the handler's to set."""

    category = CategoryChoiceField(
        queryset=None, label=gettext_lazy("事项类别"), empty_label=None, to_field_name="code",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("请选择事项类别。"),
                        "invalid_choice": gettext_lazy("所选类别已停用，请重新选择。")},
    )
    description = forms.CharField(
        label=gettext_lazy("问题描述"), max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": gettext_lazy(
            "发生了什么、涉及哪些人、持续多久，如：楼上住户每晚11点后装修噪音，已沟通两次无果")}),
        error_messages={"required": gettext_lazy("请描述您要反映的问题。"),
                        "max_length": gettext_lazy("问题描述不能超过 1000 字。")},
    )
    photos = MultiplePhotoField(
        label=gettext_lazy("现场照片（选填）"),
        help_text=gettext_lazy("最多 %(max)s 张，每张不超过 %(mb)s MB；照片中的拍摄位置等信息会被清除。")
        % {"max": photo_service.MAX_PHOTOS, "mb": photo_service.MAX_PHOTO_BYTES // (1024 * 1024)},
    )
    address = forms.CharField(
        label=gettext_lazy("发生地点"), max_length=200,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("如：东栅街道东栅路18号3幢楼下"),
                                      "autocomplete": "street-address"}),
        error_messages={"required": gettext_lazy("请填写发生地点。"),
                        "max_length": gettext_lazy("发生地点不能超过 200 字。")},
    )
    latitude = forms.DecimalField(
        label=gettext_lazy("纬度"), required=False, max_digits=9, decimal_places=6,
        min_value=LATITUDE_RANGE[0], max_value=LATITUDE_RANGE[1],
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        error_messages={"invalid": gettext_lazy("纬度格式不正确。"),
                        "min_value": gettext_lazy("纬度超出范围。"),
                        "max_value": gettext_lazy("纬度超出范围。")},
    )
    longitude = forms.DecimalField(
        label=gettext_lazy("经度"), required=False, max_digits=9, decimal_places=6,
        min_value=LONGITUDE_RANGE[0], max_value=LONGITUDE_RANGE[1],
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        error_messages={"invalid": gettext_lazy("经度格式不正确。"),
                        "min_value": gettext_lazy("经度超出范围。"),
                        "max_value": gettext_lazy("经度超出范围。")},
    )
    anonymous = forms.BooleanField(
        label=gettext_lazy("对外匿名"), required=False,
        help_text=gettext_lazy("勾选后，公开信息中不显示您的姓名；办理人员仍可联系您。"),
    )

    def __init__(self, *args: Any, categories: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories

    def clean_description(self) -> str:
        value = self.cleaned_data["description"].strip()
        if not value:
            raise ValidationError(_("请描述您要反映的问题。"), code="required")
        return value

    def clean_address(self) -> str:
        value = self.cleaned_data["address"].strip()
        if not value:
            raise ValidationError(_("请填写发生地点。"), code="required")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # Both or neither: half a coordinate would put the marker on the equator.
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            if "latitude" not in self.errors and "longitude" not in self.errors:
                raise ValidationError(_("请同时填写经度和纬度，或都不填。"), code="half_coordinate")
        return data


class RatingForm(forms.Form):
    """满意/基本满意/不满意 + comment, once the report is resolved."""

    rating = forms.ChoiceField(
        label=gettext_lazy("您对办理结果是否满意？"), choices=Rating.choices, widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("请选择满意程度。"),
                        "invalid_choice": gettext_lazy("请选择满意程度。")},
    )
    comment = forms.CharField(
        label=gettext_lazy("评价（选填）"), required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": gettext_lazy("说说办理情况，不满意请写明原因")}),
        error_messages={"max_length": gettext_lazy("评价不能超过 500 字。")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("rating") == Rating.DISSATISFIED and not (data.get("comment") or "").strip():
            # The case goes back to the last handler: they need to know what is wrong.
            self.add_error("comment", _("选择不满意时，请写明原因，案件将退回办理人重新处理。"))
        return data
