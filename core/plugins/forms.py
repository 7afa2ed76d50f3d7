"""Forms of the 应用管理 admin."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.grids.models import Grid


class ToggleForm(forms.Form):
    """Enable or disable for the whole site, or for the subtree under a grid code."""

    enabled = forms.TypedChoiceField(
        label=_("状态"), choices=[("1", _("启用")), ("0", _("停用"))],
        coerce=lambda v: v == "1",
    )
    grid_code = forms.CharField(
        label=_("网格范围（区划代码，留空表示全站）"), required=False, max_length=18,
    )

    def clean_grid_code(self) -> Grid | None:
        code = self.cleaned_data["grid_code"].strip()
        if not code:
            return None
        grid = Grid.objects.filter(code=code).first()
        if grid is None:
            raise forms.ValidationError(_("找不到区划代码为 %(code)s 的网格。"), params={"code": code})
        return grid


class OrderForm(forms.Form):
    """One integer per plugin slug, built dynamically."""

    def __init__(self, *args, slugs: list[str], initial_orders: dict[str, int], **kw):
        super().__init__(*args, **kw)
        for slug in slugs:
            # Optional: a form posted before a plugin was installed keeps its order.
            self.fields[f"order_{slug}"] = forms.IntegerField(
                min_value=0, max_value=999, initial=initial_orders.get(slug), label=slug,
                required=False,
            )

    def orders(self) -> dict[str, int]:
        return {name[6:]: value for name, value in self.cleaned_data.items()
                if value is not None}
