"""Admin forms for portal pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm


class NoticePageForm(WagtailAdminPageForm):
    """An editor may target only grids inside the region they answer for."""

    def clean_target_grid(self):
        grid = self.cleaned_data.get("target_grid")
        user = self.for_user
        scope = getattr(user, "scope_grid", None)
        if user is None or user.is_superuser or scope is None:
            return grid
        if grid is None:
            raise forms.ValidationError(
                _("您只能向“%(scope)s”及其下级发布通知，请选择发布范围。"),
                params={"scope": scope.name},
            )
        if not grid.is_within(scope):
            raise forms.ValidationError(
                _("“%(grid)s”不在您负责的“%(scope)s”范围内。"),
                params={"grid": grid.name, "scope": scope.name},
            )
        return grid


THEME_LABELS = {
    "default": _("标准主题"),
    "elder": _("适老化主题（大字号、高对比度、大按钮）"),
}


def theme_choices() -> list[tuple[str, str]]:
    """The themes present under themes/, read afresh each time the form is shown."""
    from .themes import available_themes

    return [(name, f"{THEME_LABELS.get(name, name)}（{name}）") for name in available_themes()]


class ThemeSettingsForm(WagtailAdminModelForm):
    """主题与外观: the theme is a choice among the folders under themes/."""

    theme = forms.ChoiceField(label=_("主题"), choices=theme_choices,
                              help_text=_("保存后，下一次打开页面即生效。"))
