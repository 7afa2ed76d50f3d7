"""Pages aimed at a grid (``target_grid``): editors act only inside their region.

Wagtail's page permissions are per page tree, not per grid: an editor allowed in a
section (通知公告, 村情动态 …) could otherwise aim a page anywhere, or rewrite,
unpublish, move, copy or delete another region's pages. The form below guards
creating and editing; :func:`page_action_refusal` guards the other actions (see
core/grids/wagtail_hooks.py). Superusers, and code that builds the form without a
user, may target any grid, or none for the whole site. Other staff must have a
scope grid and stay inside it, the rule ``scope_queryset`` applies everywhere.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .models import Grid
from .scoping import grids_in_scope, user_scope


def is_region_limited(user: Any) -> bool:
    return user is not None and not user.is_superuser


def target_in_region(user: Any, grid: Grid | None) -> bool:
    """May ``user`` act on a page aimed at ``grid`` (None: the whole site)?"""
    if not is_region_limited(user):
        return True
    scope = user_scope(user)
    return scope is not None and grid is not None and grid.is_within(scope)


def page_action_refusal(user: Any, page: Any) -> str | None:
    """A Chinese reason when ``user`` may not act on ``page`` for its region, else None."""
    specific = page.specific
    if not hasattr(specific, "target_grid_id"):
        return None
    if target_in_region(user, specific.target_grid):
        return None
    return str(_("“%(title)s”的发布范围不在您负责的区域内，不能执行此操作。")
               % {"title": specific.title})


class GridTargetedPageForm(WagtailAdminPageForm):
    """Limits ``target_grid`` to the editor's subtree; ``target_noun`` names the page kind."""

    target_noun: Any = _("内容")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read before binding changes it: the region the saved page is aimed at now.
        self._saved_target = self.instance.target_grid if self.instance.pk else None
        field = self.fields.get("target_grid")
        if field is None or not is_region_limited(self.for_user):
            return
        # Offer only grids the editor may pick (the same helper that scopes staff lists).
        field.queryset = grids_in_scope(self.for_user)
        scope = user_scope(self.for_user)
        if scope is not None:
            field.error_messages["invalid_choice"] = _(
                "所选网格不在您负责的“%(scope)s”范围内。"
            ) % {"scope": scope.name}

    def clean_target_grid(self) -> Grid | None:
        grid = self.cleaned_data.get("target_grid")
        if not is_region_limited(self.for_user):
            return grid
        scope = user_scope(self.for_user)
        noun = self.target_noun
        if scope is None:
            raise forms.ValidationError(
                _("您还没有负责的区域，不能发布%(noun)s，请联系管理员。"), params={"noun": noun}
            )
        if grid is None:
            raise forms.ValidationError(
                _("您只能向“%(scope)s”及其下级发布%(noun)s，请选择发布范围。"),
                params={"scope": scope.name, "noun": noun},
            )
        if not grid.is_within(scope):  # the choices already exclude it; kept as a backstop
            raise forms.ValidationError(
                _("“%(grid)s”不在您负责的“%(scope)s”范围内。"),
                params={"grid": grid.name, "scope": scope.name},
            )
        return grid

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # Editing a page aimed outside the region would let the editor take it over.
        if self.instance.pk and not target_in_region(self.for_user, self._saved_target):
            raise forms.ValidationError(
                _("这条%(noun)s的发布范围不在您负责的区域内，您不能修改。"),
                params={"noun": self.target_noun},
            )
        return cleaned
