"""One helper scopes every staff query to the grid subtree the user answers for.

Wagtail's edit, delete, inspect, history and copy views do not use the
viewset's ``get_queryset`` (wagtail#5727): restricting the listing alone leaves
``…/edit/<pk>/`` open. A plain ``ModelViewSet`` does not even pass its
``get_queryset`` to the listing. ``GridScopedViewSetMixin`` therefore scopes
the listing, the object look-up of every view, the grid choices of every form
and filter, the snippet chooser and snippet bulk actions through the same
``scope_queryset`` that API views and exports call.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.functional import cached_property

from .models import Grid

# Models administered through a GridScopedViewSetMixin viewset → their grid_field.
SCOPED_MODELS: dict[type[Model], str] = {}


def user_scope(user: Any) -> Grid | None:
    """The subtree root a staff user answers for (None: nothing, unless superuser)."""
    return getattr(user, "scope_grid", None) if user is not None else None


def _prefix(grid_field: str) -> str:
    return f"{grid_field}__" if grid_field else ""


def scope_queryset(user: Any, queryset: QuerySet, grid_field: str = "grid") -> QuerySet:
    """Rows whose ``grid_field`` lies in the user's subtree; all for superusers.

    ``grid_field`` is a path to a Grid foreign key (e.g. "home_grid",
    "report__grid"); use "" when ``queryset`` is of Grid itself. Anonymous and
    deactivated users, and staff without a scope grid, get nothing.
    """
    if user is None or not user.is_authenticated or not getattr(user, "is_active", True):
        return queryset.none()
    if user.is_superuser:
        return queryset
    scope = user_scope(user)
    if scope is None:
        return queryset.none()
    return queryset.filter(**{f"{_prefix(grid_field)}path__startswith": scope.path})


def can_access(user: Any, obj: Model, grid_field: str = "grid") -> bool:
    """True if ``obj`` is inside the user's subtree (for single-object checks)."""
    if obj.pk is None:
        return False
    queryset = type(obj)._default_manager.filter(pk=obj.pk)
    return scope_queryset(user, queryset, grid_field).exists()


def grids_in_scope(user: Any) -> QuerySet[Grid]:
    """The grid nodes a user may pick in a form."""
    return scope_queryset(user, Grid.objects.all(), "")


def within(grid: Grid, field: str = "grid") -> Q:
    """A Q for rows at or below ``grid`` (no user involved: e.g. notice targeting).

    Use ``field=""`` to filter Grid rows themselves.
    """
    return Q(**{f"{_prefix(field)}path__startswith": grid.path})


def _limit_grid_choices(fields: dict[str, Any], user: Any) -> None:
    """Restrict every Grid-valued choice field in ``fields`` to the user's subtree."""
    for field in fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is not None and getattr(queryset, "model", None) is Grid:
            field.queryset = scope_queryset(user, queryset, "")


def guard_bulk_action(request: Any, action_type: str, objects: list, action: Any) -> None:
    """``before_bulk_action`` hook: refuse a bulk action touching out-of-scope rows.

    Snippet bulk actions fetch their objects with ``Model.objects`` (and
    ``?id=all`` with the whole table), bypassing every view.
    """
    model = getattr(action, "model", None)
    grid_field = SCOPED_MODELS.get(model)
    if grid_field is None or not objects:
        return
    pks = [obj.pk for obj in objects]
    allowed = scope_queryset(request.user, model._default_manager.filter(pk__in=pks), grid_field)
    if allowed.count() != len(set(pks)):
        raise Http404


class GridScopedViewSetMixin:
    """Mix into a Wagtail ModelViewSet/SnippetViewSet before the base class.

    Set ``grid_field`` to the path of the Grid FK ("" for Grid itself). Every
    view's object look-up, the listing, and the grid choices in forms and
    filters are limited to the user's subtree; an out-of-scope pk answers 404,
    exactly as a missing one does.
    """

    grid_field: str = "grid"

    def on_register(self) -> None:
        super().on_register()
        SCOPED_MODELS[self.model] = self.grid_field

    def get_queryset(self, request):
        base = super().get_queryset(request)
        if base is None:
            base = self.model._default_manager.all()
        return scope_queryset(request.user, base, self.grid_field)

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(self._scoped(view_class), **kwargs)

    @property
    def chooser_viewset(self):
        """SnippetViewSet only: the chooser modal lists and returns in-scope rows only."""
        viewset = super().chooser_viewset
        grid_field = self.grid_field
        viewset.choose_view_class = _scoped_chooser(viewset.choose_view_class, grid_field)
        viewset.choose_results_view_class = _scoped_chooser(
            viewset.choose_results_view_class, grid_field
        )
        viewset.chosen_view_class = _scoped_chooser(viewset.chosen_view_class, grid_field)
        return viewset

    def _scoped(self, view_class):
        grid_field = self.grid_field
        form_grid_field = grid_field.split("__", 1)[0]
        model = self.model

        class Scoped(view_class):
            def get_base_queryset(self):
                # IndexView: a ModelViewSet never hands its get_queryset to the listing.
                # (History and usage views list log entries and references instead.)
                queryset = super().get_base_queryset()
                if queryset.model is not model:
                    return queryset
                return scope_queryset(self.request.user, queryset, grid_field)

            def get_base_object_queryset(self):
                return scope_queryset(
                    self.request.user, super().get_base_object_queryset(), grid_field
                )

            def get_object(self, *args, **kwargs):
                obj = super().get_object(*args, **kwargs)
                # Edit, delete, inspect and copy fetch with the bare model manager.
                if obj is not None and getattr(obj, "pk", None) and not can_access(
                    self.request.user, obj, grid_field
                ):
                    raise Http404
                return obj

            def get_form(self, *args, **kwargs):
                form = super().get_form(*args, **kwargs)
                if form_grid_field:
                    field = form.fields.get(form_grid_field)
                    if field is not None:
                        _limit_grid_choices({form_grid_field: field}, self.request.user)
                return form

            @cached_property
            def filters(self):
                filterset = super().filters
                if filterset is not None:
                    _limit_grid_choices(filterset.form.fields, self.request.user)
                return filterset

        Scoped.__name__ = f"GridScoped{view_class.__name__}"
        Scoped.__qualname__ = Scoped.__name__
        return Scoped


def _scoped_chooser(view_class, grid_field: str):
    class ScopedChooser(view_class):
        def get_object_list(self, *args, **kwargs):
            objects = super().get_object_list(*args, **kwargs)
            return scope_queryset(self.request.user, objects, grid_field)

        def get_object(self, pk):
            obj = super().get_object(pk)
            if not can_access(self.request.user, obj, grid_field):
                raise type(obj).DoesNotExist
            return obj

    ScopedChooser.__name__ = f"GridScoped{view_class.__name__}"
    ScopedChooser.__qualname__ = ScopedChooser.__name__
    return ScopedChooser
