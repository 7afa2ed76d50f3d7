"""积分流水: a read-only listing of ledger entries in the staff member's subtree.

Entries are scoped on ``grid_path`` — where the resident lived when the entry was
made — so a resident who moves does not carry old entries into a new grid's view.
There is no edit, delete or add view: the ledger is append-only (a correction is
an adjustment, made from 人工调整).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import ChoiceFilter, DateFromToRangeFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.viewsets.base import ViewSet

from core.grids.scoping import user_scope

from ..models import EntryKind, PointEntry
from ..rules import declared_rules, rule_labels
from .common import LEDGER_PERMISSION, PermissionRequiredMixin, menu_item_for


def scoped_entries(user: Any) -> QuerySet[PointEntry]:
    """Entries made in ``user``'s subtree (all for superusers, none without a scope)."""
    queryset = PointEntry.objects.select_related("user", "actor")
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    scope = user_scope(user)
    if scope is None:
        return queryset.none()
    return queryset.filter(grid_path__startswith=scope.path)


def rule_choices() -> list[tuple[str, str]]:
    return sorted((code, f"{rule.label}（{code}）") for code, (_m, rule) in declared_rules().items())


class EntryFilterSet(WagtailFilterSet):
    rule_code = ChoiceFilter(label=gettext_lazy("规则"), choices=rule_choices)
    kind = ChoiceFilter(label=gettext_lazy("类型"), choices=EntryKind.choices)
    created_at = DateFromToRangeFilter(label=gettext_lazy("时间"),
                                       widget=DateRangePickerWidget)

    class Meta:
        model = PointEntry
        fields = ["rule_code", "kind", "created_at"]


class LedgerView(PermissionRequiredMixin, BaseListingView):
    permission = LEDGER_PERMISSION
    page_title = gettext_lazy("积分流水")
    header_icon = "list-ul"
    paginate_by = 50
    index_url_name = "points_ledger:index"
    index_results_url_name = "points_ledger:index_results"
    filterset_class = EntryFilterSet
    is_searchable = True
    search_fields = ["user__name", "user__mobile", "reason"]
    search_backend_name = None  # plain icontains: entries are not in the search index
    default_ordering = "-created_at"

    @cached_property
    def columns(self) -> list:
        labels = rule_labels()
        return [
            DateColumn("created_at", label=gettext_lazy("时间"), sort_key="created_at"),
            Column("user", label=gettext_lazy("居民")),
            Column("kind", label=gettext_lazy("类型"), accessor="get_kind_display"),
            Column("amount", label=gettext_lazy("余额变动"), sort_key="amount"),
            Column("credit_delta", label=gettext_lazy("累计积分变动")),
            Column("balance_after", label=gettext_lazy("变动后余额")),
            Column("rule_code", label=gettext_lazy("规则"),
                   accessor=lambda entry: labels.get(entry.rule_code, entry.rule_code)),
            Column("reason", label=gettext_lazy("事由")),
            Column("actor", label=gettext_lazy("经办人"),
                   accessor=lambda entry: entry.actor.name if entry.actor else ""),
        ]

    def get_base_queryset(self) -> QuerySet:
        return scoped_entries(self.request.user)

    @property
    def no_results_message(self) -> str:
        return _("暂无积分流水。")


class LedgerViewSet(ViewSet):
    name = "points_ledger"
    url_prefix = "points/ledger"
    icon = "list-ul"
    menu_label = gettext_lazy("积分流水")
    menu_item_class = menu_item_for(LEDGER_PERMISSION)

    def get_urlpatterns(self) -> list:
        return [
            path("", LedgerView.as_view(), name="index"),
            path("results/", LedgerView.as_view(results_only=True), name="index_results"),
        ]


ledger_viewset = LedgerViewSet()
