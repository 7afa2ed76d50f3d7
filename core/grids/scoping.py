"""One helper scopes every staff query to the grid subtree the user answers for.

Wagtail's edit, delete, inspect, history and copy views do not use the
viewset's ``get_queryset`` (wagtail#5727): restricting the listing alone leaves
``…/edit/<pk>/`` open. ``GridScopedViewSetMixin`` therefore scopes the object
look-up of every view, and the grid choices of every form, through the same
``scope_queryset`` that API views and exports call.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q, QuerySet

from .models import Grid


def user_scope(user: Any) -> Grid | None:
    """The subtree root a staff user answers for (None: nothing, unless superuser)."""
    return getattr(user, "scope_grid", None) if user is not None else None


def scope_queryset(user: Any, queryset: QuerySet, grid_field: str = "grid") -> QuerySet:
    """Rows whose ``grid_field`` lies in the user's subtree; all for superusers.

    ``grid_field`` is a path to a Grid foreign key (e.g. "home_grid",
    "report__grid"); use "" when ``queryset`` is of Grid itself.
    """
    if user is None or not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    scope = user_scope(user)
    if scope is None:
        return queryset.none()
    prefix = f"{grid_field}__" if grid_field else ""
    return queryset.filter(**{f"{prefix}path__startswith": scope.path})


def can_access(user: Any, obj: Model, grid_field: str = "grid") -> bool:
    """True if ``obj`` is inside the user's subtree (for single-object checks)."""
    queryset = type(obj)._default_manager.filter(pk=obj.pk)
    return scope_queryset(user, queryset, grid_field).exists()


def grids_in_scope(user: Any) -> QuerySet[Grid]:
    """The grid nodes a user may pick in a form."""
    return scope_queryset(user, Grid.objects.all(), "")


def within(grid: Grid, field: str = "grid") -> Q:
    """A Q for rows at or below ``grid`` (no user involved: e.g. notice targeting)."""
    return Q(**{f"{field}__path__startswith": grid.path})


class GridScopedViewSetMixin:
    """Mix into a Wagtail ModelViewSet/SnippetViewSet before the base class.

    Set ``grid_field`` to the path of the Grid FK. Every view's object look-up,
    the listing, and the grid choices in forms are limited to the user's subtree;
    an out-of-scope pk answers 404, exactly as a missing one does.
    """

    grid_field: str = "grid"

    def get_queryset(self, request):
        base = super().get_queryset(request)
        if base is None:
            base = self.model._default_manager.all()
        return scope_queryset(request.user, base, self.grid_field)

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(self._scoped(view_class), **kwargs)

    def _scoped(self, view_class):
        grid_field = self.grid_field
        form_grid_field = grid_field.split("__", 1)[0]

        class Scoped(view_class):
            def get_base_object_queryset(self):
                return scope_queryset(
                    self.request.user, super().get_base_object_queryset(), grid_field
                )

            def get_object(self, *args, **kwargs):
                obj = super().get_object(*args, **kwargs)
                # CopyView and a few others fetch without get_base_object_queryset.
                if obj is not None and getattr(obj, "pk", None) and not can_access(
                    self.request.user, obj, grid_field
                ):
                    from django.http import Http404

                    raise Http404
                return obj

            def get_form(self, *args, **kwargs):
                form = super().get_form(*args, **kwargs)
                field = form.fields.get(form_grid_field)
                if field is not None and hasattr(field, "queryset") and field.queryset.model is Grid:
                    field.queryset = grids_in_scope(self.request.user)
                return form

        Scoped.__name__ = f"GridScoped{view_class.__name__}"
        Scoped.__qualname__ = Scoped.__name__
        return Scoped
