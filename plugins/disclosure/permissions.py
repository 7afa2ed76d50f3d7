"""Page permissions that know the village: outside their region, staff may only look.

Wagtail's page permissions are per section of the tree. The core page form and
page-action hooks add the region rule for edits and single actions; this tester
applies it to the permission check itself, which every admin path consults —
bulk actions (they check each page's ``permissions_for_user``), the explorer's
buttons, move, copy, lock, scheduling — so no path depends on a hook firing.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from wagtail.models import PagePermissionTester

from core.grids.page_forms import target_in_region

GUARDED = ("can_edit", "can_delete", "can_unpublish", "can_publish", "can_submit_for_moderation",
           "can_set_view_restrictions", "can_unschedule", "can_lock", "can_unlock", "can_move",
           "can_copy", "can_move_to", "can_copy_to", "can_reorder_children")


class VillagePagePermissionTester(PagePermissionTester):
    @cached_property
    def in_region(self) -> bool:
        return target_in_region(self.user, self.page.target_grid)


def _guard(name: str):
    original = getattr(PagePermissionTester, name)

    def method(self: VillagePagePermissionTester, *args: Any, **kwargs: Any) -> bool:
        return self.in_region and original(self, *args, **kwargs)

    method.__name__ = name
    return method


for _name in GUARDED:
    setattr(VillagePagePermissionTester, _name, _guard(_name))
