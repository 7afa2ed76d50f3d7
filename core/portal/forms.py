"""Admin forms for portal pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.grids.page_forms import GridTargetedPageForm


class NoticePageForm(GridTargetedPageForm):
    """An editor may target only grids inside the region they answer for."""

    target_noun = _("通知")


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
