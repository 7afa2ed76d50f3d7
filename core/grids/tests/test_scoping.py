"""scope_queryset and friends: the one permission helper, for every kind of user."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from core.grids.models import Grid
from core.grids.scoping import (
    SCOPED_MODELS,
    can_access,
    grids_in_scope,
    guard_bulk_action,
    scope_queryset,
    within,
)
from core.identity.models import Household, User

pytestmark = pytest.mark.django_db


def codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


def test_resident_without_scope_sees_nothing(resident):
    assert not scope_queryset(resident, Grid.objects.all(), "").exists()


def test_anonymous_and_none_see_nothing(grid_tree):
    assert not scope_queryset(AnonymousUser(), Grid.objects.all(), "").exists()
    assert not scope_queryset(None, Grid.objects.all(), "").exists()


def test_grid_worker_sees_own_grid_and_below(grid_worker, grid_tree):
    assert codes(grids_in_scope(grid_worker)) == {
        grid_tree["grid1"].code, grid_tree["micro"].code,
    }


def test_county_staff_sees_county_subtree_only(make_user, grid_tree):
    staff = make_user("administrator", scope=grid_tree["nanhu"])
    visible = codes(grids_in_scope(staff))
    assert grid_tree["micro"].code in visible and grid_tree["xgrid"].code in visible
    assert grid_tree["xiuzhou"].code not in visible
    assert grid_tree["wangdian"].code not in visible
    assert grid_tree["city"].code not in visible  # ancestors are not in scope


def test_superuser_sees_everything(admin_user, grid_tree):
    assert grids_in_scope(admin_user).count() == Grid.objects.count()


def test_staff_without_scope_grid_sees_nothing(make_user, grid_tree):
    staff = make_user("administrator")
    assert not grids_in_scope(staff).exists()


def test_deactivated_staff_sees_nothing(make_user, grid_tree):
    staff = make_user("administrator", scope=grid_tree["nanhu"], is_active=False)
    assert not grids_in_scope(staff).exists()


def test_scope_through_foreign_key_paths(grid_worker, make_user, grid_tree):
    inside = make_user("resident", grid=grid_tree["micro"])
    outside = make_user("resident", grid=grid_tree["xgrid"])
    visible = scope_queryset(grid_worker, User.objects.all(), "home_grid")
    assert inside in visible and outside not in visible
    household = Household.objects.create(number="H1", address="东栅路1号", grid=grid_tree["micro"])
    via_household = scope_queryset(grid_worker, User.objects.filter(household=household),
                                   "household__grid")
    assert not via_household.exists()  # nobody lives there yet: an empty but valid query


def test_prefix_does_not_leak_into_sibling_with_same_prefix(make_user, grid_tree):
    """Paths are fixed-width steps: 0001 is not a prefix match for 00010001's sibling 0002."""
    staff = make_user("administrator", scope=grid_tree["dongzha"])
    assert grid_tree["xinxing"].code not in codes(grids_in_scope(staff))


def test_can_access(grid_worker, grid_tree, admin_user):
    assert can_access(grid_worker, grid_tree["micro"], "")
    assert not can_access(grid_worker, grid_tree["xgrid"], "")
    assert not can_access(grid_worker, Grid(code="x"), "")  # unsaved
    assert can_access(admin_user, grid_tree["wangdian"], "")


def test_within_for_grid_itself_and_fk(grid_tree):
    assert codes(Grid.objects.filter(within(grid_tree["town"], ""))) == {
        g.code for g in grid_tree.values()
        if g.path.startswith(grid_tree["town"].path)
    }
    Household.objects.create(number="H2", address="王店镇1号", grid=grid_tree["wangdian"])
    assert not Household.objects.filter(within(grid_tree["nanhu"])).exists()
    assert Household.objects.filter(within(grid_tree["xiuzhou"])).count() == 1


class FakeAction:
    model = Household


def test_bulk_action_guard_refuses_out_of_scope_rows(rf, grid_worker, grid_tree):
    inside = Household.objects.create(number="H3", address="a", grid=grid_tree["micro"])
    outside = Household.objects.create(number="H4", address="b", grid=grid_tree["xgrid"])
    request = rf.post("/")
    request.user = grid_worker
    SCOPED_MODELS[Household] = "grid"
    try:
        assert guard_bulk_action(request, "delete", [inside], FakeAction()) is None
        with pytest.raises(Http404):
            guard_bulk_action(request, "delete", [inside, outside], FakeAction())
    finally:
        SCOPED_MODELS.pop(Household, None)
    # A model whose viewset is not scoped is left alone.
    assert guard_bulk_action(request, "delete", [outside], FakeAction()) is None


def test_form_grid_choices_limited(grid_worker, grid_tree):
    from django import forms

    from core.grids.scoping import _limit_grid_choices

    class HouseholdForm(forms.ModelForm):
        class Meta:
            model = Household
            fields = ["number", "address", "grid"]

    form = HouseholdForm(data={"number": "H9", "address": "x", "grid": grid_tree["xgrid"].pk})
    _limit_grid_choices(form.fields, grid_worker)
    assert codes(form.fields["grid"].queryset) == {grid_tree["grid1"].code, grid_tree["micro"].code}
    assert not form.is_valid() and "grid" in form.errors


def test_scoped_chooser_lists_and_returns_in_scope_rows_only(rf, grid_worker, grid_tree):
    from core.grids.scoping import _scoped_chooser

    inside = Household.objects.create(number="H5", address="a", grid=grid_tree["micro"])
    outside = Household.objects.create(number="H6", address="b", grid=grid_tree["xgrid"])

    class BaseChooser:
        def get_object_list(self):
            return Household.objects.all()

        def get_object(self, pk):
            return Household.objects.get(pk=pk)

    view = _scoped_chooser(BaseChooser, "grid")()
    view.request = rf.get("/")
    view.request.user = grid_worker
    assert list(view.get_object_list()) == [inside]
    assert view.get_object(inside.pk) == inside
    with pytest.raises(Household.DoesNotExist):
        view.get_object(outside.pk)
