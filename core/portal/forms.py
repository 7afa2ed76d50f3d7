"""Admin forms for portal pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


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
