"""Forms of the mall: redeeming (residents), 核销 (staff), items and benefits (admin).

Every message is Chinese; business refusals (stock, balance, limit …) come from
``services`` and are added to the form as they are.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from core.grids.models import Grid, GridLevel

from .errors import MallError
from .services import MAX_QUANTITY, find_recipient

# Items and benefits are offered to administrative areas, down to a village or
# community (where the points shop is); 90,000 micro-grids would not fit a select.
REGION_LEVELS = [GridLevel.CITY, GridLevel.COUNTY, GridLevel.TOWN, GridLevel.COMMUNITY]


class RedeemForm(forms.Form):
    quantity = forms.IntegerField(
        label=gettext_lazy("兑换数量"), min_value=1, max_value=MAX_QUANTITY, initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"required": gettext_lazy("请填写兑换数量。"),
                        "invalid": gettext_lazy("兑换数量应为整数。"),
                        "min_value": gettext_lazy("兑换数量至少为 1。"),
                        "max_value": gettext_lazy("一次最多兑换 %(limit_value)s 份。")},
    )
    recipient_mobile = forms.CharField(
        label=gettext_lazy("受赠人手机号（选填）"), required=False, max_length=11,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "numeric",
                                      "autocomplete": "off"}),
        help_text=gettext_lazy("为邻里长辈兑换时填写，对方可在“我的订单”中看到核销码。"),
    )
    recipient_name = forms.CharField(
        label=gettext_lazy("受赠人姓名"), required=False, max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict:
        data = super().clean()
        mobile = (data.get("recipient_mobile") or "").strip()
        name = (data.get("recipient_name") or "").strip()
        data["recipient"] = None
        if not mobile and not name:
            return data
        if not mobile or not name:
            self.add_error("recipient_mobile", _("赠予他人时请同时填写受赠人的手机号和姓名。"))
            return data
        try:
            data["recipient"] = find_recipient(mobile, name, self.user)
        except MallError as error:
            self.add_error("recipient_mobile", error)
        return data


class VerifyCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("核销码"), max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                      "autofocus": True,
                                      "placeholder": gettext_lazy("8 位数字")}),
        help_text=gettext_lazy("输入居民出示的 8 位核销码，或用扫码枪扫描订单二维码。"),
        error_messages={"required": gettext_lazy("请输入核销码。")},
    )


class RegionRequiredForm(WagtailAdminModelForm):
    """Grid choices limited to areas; only superusers may leave the region empty.

    A site-wide row lies outside every staff subtree, so a scoped editor who made
    one would lose sight of it at once (the hotline plugin does the same).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("grid")
        if field is not None:
            # GridScopedViewSetMixin narrows this further to the user's subtree.
            field.queryset = Grid.objects.filter(level__in=REGION_LEVELS).order_by("path")
            if not getattr(self.for_user, "is_superuser", False):
                field.required = True
                field.error_messages["required"] = _(
                    "请选择区域：您只能在负责区域内投放，全站范围由系统管理员设置。")

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end <= start:
            self.add_error("valid_until", _("截止时间应晚于开始兑换时间。"))
        return data
