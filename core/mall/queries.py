"""Read-side helpers: what a resident may see, their credit rating, staff order look-ups.

Region rule: an item (or benefit) offered in grid G is for every resident whose
home grid lies in G's subtree; a site-wide one (no grid) is for everyone. The
resident's chain of ancestor paths is computed in memory (``chain_paths``), so
the filter is one ``IN`` on an indexed column, however deep the tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from core.grids.scoping import scope_queryset

from .models import CreditBenefit, ItemCategory, MallItem, Order, OrderStatus

# The rendition the catalogue and the item page show (prefetched with the items).
THUMBNAIL = "fill-160x160"

# 信用星级: cumulative credit needed for each star. Peers report about 150 points a
# year for a very active family, so five stars is a year of steady participation.
# A deployment may override the list with settings.JIAYUAN_CREDIT_STARS.
DEFAULT_CREDIT_STARS: tuple[int, ...] = (10, 30, 60, 100, 150)


def region_q(user: Any, field: str = "grid") -> Q:
    """Rows offered site-wide or in any grid containing the user's home grid."""
    condition = Q(**{f"{field}__isnull": True})
    grid = getattr(user, "home_grid", None)
    if grid is not None:
        condition |= Q(**{f"{field}__path__in": grid.chain_paths()})
    return condition


def catalogue(user: Any, category: str | None = None) -> QuerySet[MallItem]:
    """Items on the shelf for ``user``: active, in their region, not past their end."""
    now = timezone.now()
    items = MallItem.objects.filter(region_q(user), active=True).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=now)
    )
    if category in ItemCategory.values:
        items = items.filter(category=category)
    image_model = get_image_model()
    return items.select_related("grid").prefetch_related(
        # One query for the images and one for their renditions, whatever the page size.
        Prefetch("image", queryset=image_model.objects.prefetch_renditions(THUMBNAIL))
    )


def visible_item(user: Any, pk: int) -> MallItem | None:
    """An item the user may open: active and in their region (expired ones too,
    so a bookmarked page says 已过期 rather than 404)."""
    return (MallItem.objects.filter(region_q(user), active=True, pk=pk)
            .select_related("grid", "image").first())


def redeemed_quantity(user: Any, item: MallItem) -> int:
    """Units of ``item`` the user has paid for and not had refunded."""
    return Order.objects.filter(
        item=item, resident=user, status__in=[OrderStatus.OPEN, OrderStatus.VERIFIED]
    ).aggregate(total=Sum("quantity"))["total"] or 0


def my_orders(user: Any) -> QuerySet[Order]:
    """Orders the user paid for or was given, newest first."""
    return (Order.objects.filter(Q(resident=user) | Q(recipient=user))
            .select_related("item", "resident", "recipient"))


def staff_orders(user: Any) -> QuerySet[Order]:
    """Orders verified in the staff member's subtree (superusers: all)."""
    queryset = Order.objects.select_related("item", "resident", "recipient", "grid",
                                            "verified_by")
    return scope_queryset(user, queryset, "grid")


@dataclass(frozen=True)
class CreditRating:
    credit: int
    stars: int
    max_stars: int
    thresholds: tuple[int, ...]
    next_threshold: int | None

    @property
    def to_next(self) -> int | None:
        return None if self.next_threshold is None else self.next_threshold - self.credit

    @property
    def label(self) -> str:
        if not self.stars:
            return str(_("暂未评级"))
        return str(_("%(stars)s 星") % {"stars": self.stars})

    @property
    def star_text(self) -> str:
        return "★" * self.stars + "☆" * (self.max_stars - self.stars)


def credit_stars() -> tuple[int, ...]:
    return tuple(sorted(getattr(settings, "JIAYUAN_CREDIT_STARS", DEFAULT_CREDIT_STARS)))


def credit_rating(credit: int) -> CreditRating:
    """星级 from cumulative credit: one star per threshold reached."""
    thresholds = credit_stars()
    stars = sum(1 for threshold in thresholds if credit >= threshold)
    following = next((t for t in thresholds if credit < t), None)
    return CreditRating(credit=credit, stars=stars, max_stars=len(thresholds),
                        thresholds=thresholds, next_threshold=following)


def benefits_for(user: Any) -> QuerySet[CreditBenefit]:
    return CreditBenefit.objects.filter(region_q(user), active=True).select_related("grid")
