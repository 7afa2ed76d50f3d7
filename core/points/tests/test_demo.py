"""load_demo_points(): a history for the demo residents, idempotent."""

from __future__ import annotations

from django.contrib.auth.models import Group

from core.points.demo import HISTORY, load_demo_points
from core.points.models import ClaimStatus, PointClaim, PointEntry
from core.points.services import balance_of
from core.points.verify import find_drift


def demo_residents(make_user, grid_tree):
    return {mobile: make_user("resident", grid=grid_tree["micro"], mobile=mobile)
            for mobile in HISTORY}


def test_loads_history_once(make_user, grid_tree, admin_user):
    admin_user.mobile = "13800000001"
    admin_user.save()
    residents = demo_residents(make_user, grid_tree)
    report = load_demo_points()
    assert report.entries == sum(len(items) for items in HISTORY.values())
    assert balance_of(residents["13900000001"]) == (33, 33)
    entry = PointEntry.objects.filter(user=residents["13900000001"]).order_by("pk").first()
    assert entry.reason == "参加垃圾分类督导志愿服务" and entry.actor == admin_user
    assert entry.key == "demo:13900000001:0"
    again = load_demo_points()
    assert (again.entries, again.claims) == (0, 0)
    assert PointEntry.objects.count() == report.entries
    assert find_drift()[1] == []


def test_adds_pending_claims_where_a_rule_allows(make_user, grid_tree, deeds_plugin):
    demo_residents(make_user, grid_tree)
    report = load_demo_points()
    assert report.claims == 2
    assert set(PointClaim.objects.values_list("status", flat=True)) == {ClaimStatus.PENDING}
    assert load_demo_points().claims == 0 and PointClaim.objects.count() == 2


def test_missing_residents_are_skipped(db):
    Group.objects.get(name="居民")
    report = load_demo_points()
    assert report.entries == 0 and len(report.skipped) == len(HISTORY)
