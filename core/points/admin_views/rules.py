"""积分规则设置: administrators override the value, caps and approval of declared rules.

A row applies site-wide (superusers only) or to one grid subtree — a county, a
town or a village; the nearest row wins (see ``rules.effective_rule``). Wagtail
logs every create, edit and delete in the row's history; new entries use the
new values, old entries keep theirs.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Site

from core.grids.models import Grid, GridLevel
from core.grids.scoping import GridScopedViewSetMixin

from ..models import RuleSetting
from ..rules import declared_rules
from .ledger import rule_choices

# Settings are made for administrative areas; grids and micro-grids are too fine
# (and 90,000 of them would not fit in a select).
SETTING_LEVELS = [GridLevel.CITY, GridLevel.COUNTY, GridLevel.TOWN, GridLevel.COMMUNITY]


class RuleSettingForm(WagtailAdminModelForm):
    rule_code = forms.ChoiceField(
        label=gettext_lazy("积分规则"), choices=(),
        error_messages={"required": gettext_lazy("请选择积分规则。"),
                        "invalid_choice": gettext_lazy("该积分规则不存在或其应用未安装。")},
    )

    class Meta:
        model = RuleSetting
        fields = ["rule_code", "grid", "points", "daily_cap", "monthly_cap", "needs_approval",
                  "claimable", "active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule_code"].choices = [("", "---------"), *rule_choices()]
        self.fields["grid"].queryset = Grid.objects.filter(level__in=SETTING_LEVELS).order_by(
            "path")
        if not getattr(self.for_user, "is_superuser", False):
            self.fields["grid"].required = True
            self.fields["grid"].help_text = _("您只能为负责区域内的地区设置规则。")
            self.fields["grid"].error_messages["required"] = _(
                "请选择适用网格；全站设置仅系统管理员可以修改。")
        if self.instance.site_id is None:
            self.instance.site = Site.objects.get(is_default_site=True)

    def clean(self) -> dict:
        data = super().clean()
        code, points, grid = data.get("rule_code"), data.get("points"), data.get("grid")
        declared = declared_rules().get(code or "")
        if declared is not None and points is not None:
            rule = declared[1]
            if points == 0:
                self.add_error("points", _("分值不能为 0；不再使用该规则请取消“启用”。"))
            elif (points > 0) != (rule.points > 0):
                kind = _("奖励") if rule.points > 0 else _("扣减")
                self.add_error("points", _("“%(rule)s”是%(kind)s规则，分值的正负应与之一致。")
                               % {"rule": rule.label, "kind": kind})
        daily, monthly = data.get("daily_cap"), data.get("monthly_cap")
        if daily and monthly and daily > monthly:
            self.add_error("daily_cap", _("每日上限不能大于每月上限。"))
        if code and not self.has_error("grid"):
            clash = RuleSetting.objects.filter(site=self.instance.site, rule_code=code, grid=grid)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("rule_code", _("该规则在此范围已有设置，请直接修改原设置。"))
        return data


def _rule_label(setting: RuleSetting) -> str:
    declared = declared_rules().get(setting.rule_code)
    return str(declared[1].label) if declared else _("（应用已卸载）")


def _declared_value(setting: RuleSetting) -> str:
    declared = declared_rules().get(setting.rule_code)
    return f"{declared[1].points:+d}" if declared else ""


class RuleSettingViewSet(GridScopedViewSetMixin, ModelViewSet):
    model = RuleSetting
    grid_field = "grid"
    icon = "cog"
    menu_label = gettext_lazy("积分规则设置")
    form_fields = RuleSettingForm.Meta.fields
    copy_view_enabled = False
    ordering = ["rule_code", "grid__path"]
    list_per_page = 50
    list_display = [
        "rule_code",
        Column("label", label=gettext_lazy("规则名称"), accessor=_rule_label),
        Column("points", label=gettext_lazy("分值")),
        Column("declared", label=gettext_lazy("声明默认值"), accessor=_declared_value),
        Column("daily_cap", label=gettext_lazy("每日上限")),
        Column("monthly_cap", label=gettext_lazy("每月上限")),
        BooleanColumn("needs_approval", label=gettext_lazy("需审核")),
        BooleanColumn("claimable", label=gettext_lazy("可申领")),
        BooleanColumn("active", label=gettext_lazy("启用")),
        Column("grid", label=gettext_lazy("适用网格"),
               accessor=lambda setting: setting.grid.name if setting.grid else _("全站")),
    ]

    def get_form_class(self, for_update: bool = False) -> type[RuleSettingForm]:
        return RuleSettingForm


rules_viewset = RuleSettingViewSet("points_rules", url_prefix="points/rules")
