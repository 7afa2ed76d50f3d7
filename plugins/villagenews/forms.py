"""The admin form of a news page: editors publish only inside the region they answer for."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from core.grids.models import Grid
from core.grids.scoping import grids_in_scope, user_scope


class VillageNewsPageForm(WagtailAdminPageForm):
    """Limits ``target_grid`` to the editor's subtree, as NoticePageForm does for notices.

    Superusers (and code that builds the form without a user) may target any grid,
    or none for the whole site. Other staff must have a scope grid and stay inside
    it; unlike notices, staff without a scope get nothing, the rule
    ``core.grids.scoping.scope_queryset`` applies everywhere else.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read before binding changes it: the region the saved page is aimed at now.
        self._saved_target_id = self.instance.target_grid_id if self.instance.pk else None
        field = self.fields.get("target_grid")
        if field is None or not self._is_limited():
            return
        # Offer only grids the editor may pick (the same helper that scopes staff lists).
        field.queryset = grids_in_scope(self.for_user)
        scope = user_scope(self.for_user)
        if scope is not None:
            field.error_messages["invalid_choice"] = _(
                "所选网格不在您负责的“%(scope)s”范围内。"
            ) % {"scope": scope.name}

    def _is_limited(self) -> bool:
        user = self.for_user
        return user is not None and not user.is_superuser

    def clean_target_grid(self) -> Grid | None:
        grid = self.cleaned_data.get("target_grid")
        if not self._is_limited():
            return grid
        scope = user_scope(self.for_user)
        if scope is None:
            raise forms.ValidationError(_("您还没有负责的区域，不能发布村情动态，请联系管理员。"))
        if grid is None:
            raise forms.ValidationError(
                _("您只能向“%(scope)s”及其下级发布村情动态，请选择发布范围。"),
                params={"scope": scope.name},
            )
        if not grid.is_within(scope):  # the choices already exclude it; kept as a backstop
            raise forms.ValidationError(
                _("“%(grid)s”不在您负责的“%(scope)s”范围内。"),
                params={"grid": grid.name, "scope": scope.name},
            )
        return grid

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # Page permissions are per page tree, not per grid: an editor who may edit the
        # 村情动态 section could otherwise rewrite (and retarget) another region's news.
        if self._is_limited() and self.instance.pk and not self._saved_target_in_scope():
            raise forms.ValidationError(
                _("这条村情动态的发布范围不在您负责的区域内，您不能修改。")
            )
        return cleaned

    def _saved_target_in_scope(self) -> bool:
        scope = user_scope(self.for_user)
        if scope is None or self._saved_target_id is None:
            return False
        return grids_in_scope(self.for_user).filter(pk=self._saved_target_id).exists()
