"""积分流水: read-only, scoped to the staff subtree by where each entry was made."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core.points.services import adjust, apply_rule


@pytest.fixture
def entries(neighbour, far_resident, admin_user):
    apply_rule(neighbour, "deeds.help", key="help:1", reason="帮邻居取快递")
    apply_rule(neighbour, "deeds.litter", key="litter:1", reason="乱扔垃圾被拍到")
    adjust(far_resident, 7, reason="新兴社区议事会", actor=admin_user)


def test_listing_is_scoped(client, grid_worker, other_worker, entries):
    client.force_login(grid_worker)
    page = client.get("/admin/points/ledger/").content.decode()
    assert "帮邻居取快递" in page and "乱扔垃圾被拍到" in page
    assert "新兴社区议事会" not in page
    client.force_login(other_worker)
    page = client.get("/admin/points/ledger/").content.decode()
    assert "新兴社区议事会" in page and "帮邻居取快递" not in page


def test_filters_by_rule_kind_date_and_search(client, grid_worker, entries):
    client.force_login(grid_worker)
    page = client.get("/admin/points/ledger/?rule_code=deeds.litter").content.decode()
    assert "乱扔垃圾被拍到" in page and "帮邻居取快递" not in page
    page = client.get("/admin/points/ledger/?kind=award").content.decode()
    assert "帮邻居取快递" in page and "乱扔垃圾被拍到" not in page
    page = client.get("/admin/points/ledger/?created_at_from=2000-01-01"
                      "&created_at_to=2000-12-31").content.decode()
    assert "帮邻居取快递" not in page
    today = timezone.localdate().isoformat()
    page = client.get(f"/admin/points/ledger/?created_at_from={today}").content.decode()
    assert "帮邻居取快递" in page
    page = client.get("/admin/points/ledger/?q=快递").content.decode()
    assert "帮邻居取快递" in page and "乱扔垃圾被拍到" not in page


def test_never_editable_or_deletable(client, admin_user, entries):
    client.force_login(admin_user)
    page = client.get("/admin/points/ledger/").content.decode()
    assert "/edit/" not in page and "/delete/" not in page
    for name in ("edit", "delete", "add"):
        with pytest.raises(NoReverseMatch):
            reverse(f"points_ledger:{name}", args=[1])
    assert client.get("/admin/points/ledger/1/edit/").status_code == 404
    assert client.post("/admin/points/ledger/1/delete/").status_code == 404


def test_residents_cannot_read_the_ledger(client, resident, entries):
    resident.is_staff = True
    resident.save()
    client.force_login(resident)
    assert client.get("/admin/points/ledger/").status_code in (302, 403)
