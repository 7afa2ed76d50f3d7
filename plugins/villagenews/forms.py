"""The admin form of a news page: editors publish only inside the region they answer for."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.grids.page_forms import GridTargetedPageForm


class VillageNewsPageForm(GridTargetedPageForm):
    """Limits ``target_grid`` to the editor's subtree, like every grid-targeted page."""

    target_noun = _("村情动态")
