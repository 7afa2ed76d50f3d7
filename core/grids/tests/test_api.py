"""/api/grids/…: public picker, grid card, my grid, staff scope."""

from __future__ import annotations

import pytest

from core.grids.models import Grid

pytestmark = pytest.mark.django_db


def test_roots_are_public(client, grid_tree):
    response = client.get("/api/grids/")
    assert response.status_code == 200
    assert response.json() == [{
        "code": "330400000000", "name": "嘉兴市", "level": "city", "level_label": "市",
        "has_children": True,
    }]


def test_children_of_parent(client, grid_tree):
    data = client.get("/api/grids/", {"parent": "330402004000"}).json()
    assert [(d["code"], d["name"], d["has_children"]) for d in data] == [
        ("330402004001", "东栅社区", True), ("330402004002", "新兴社区", True),
    ]
    leaves = client.get("/api/grids/", {"parent": grid_tree["grid1"].code}).json()
    assert leaves[0]["level_label"] == "微网格" and leaves[0]["has_children"] is False
    assert client.get("/api/grids/", {"parent": "999999999999"}).status_code == 404


def test_children_query_count_is_constant(client, grid_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    town = grid_tree["town"]
    client.get("/api/grids/")  # warm the site/theme caches of other middleware

    def fetch() -> tuple[int, int, int]:
        with CaptureQueriesContext(connection) as captured:
            rows = client.get("/api/grids/", {"parent": town.code}).json()
        grid_queries = [q for q in captured.captured_queries if "grids_grid" in q["sql"]]
        return len(rows), len(captured), len(grid_queries)

    few, total_before, grid_before = fetch()
    for n in range(3, 40):
        town.add_child(name=f"社区{n}", level="community", code=f"330402004{n:03d}")
    many, total_after, grid_after = fetch()
    assert (few, many) == (2, 39)
    assert grid_before == grid_after == 2  # the parent, then its children
    assert total_before == total_after


def test_detail_has_chain_and_card(client, grid_tree):
    data = client.get(f"/api/grids/{grid_tree['grid1'].code}/").json()
    assert data["head_name"] == "王丽娟" and data["tel"] == "tel:13800001111"
    assert data["organisation_kind_label"] == "网格团队"
    assert [node["name"] for node in data["chain"]] == [
        "嘉兴市", "南湖区", "新嘉街道", "东栅社区", "东栅第一网格",
    ]
    landline = client.get(f"/api/grids/{grid_tree['dongzha'].code}/").json()
    assert landline["tel"] == "tel:057382001234"
    assert client.get("/api/grids/330402004009/").status_code == 404


def test_mine_requires_login_and_returns_home_grid(client, resident, make_user, grid_tree):
    assert client.get("/api/grids/mine/").status_code in (401, 403)
    client.force_login(resident)
    data = client.get("/api/grids/mine/").json()
    assert data["code"] == grid_tree["micro"].code
    assert [node["level"] for node in data["chain"]] == [
        "city", "county", "town", "community", "grid", "microgrid",
    ]
    homeless = make_user("resident")
    client.force_login(homeless)
    response = client.get("/api/grids/mine/")
    assert response.status_code == 404 and "居住网格" in response.json()["detail"]


def test_scope_lists_subtree_for_staff_only(client, resident, grid_worker, make_user,
                                            admin_user, grid_tree):
    client.force_login(resident)
    assert client.get("/api/grids/scope/").status_code == 403
    client.force_login(grid_worker)
    data = client.get("/api/grids/scope/").json()
    assert data["count"] == 2
    assert [row["code"] for row in data["results"]] == [
        grid_tree["grid1"].code, grid_tree["micro"].code,
    ]
    county = make_user("administrator", scope=grid_tree["nanhu"])
    client.force_login(county)
    towns = client.get("/api/grids/scope/", {"level": "community"}).json()
    assert {row["name"] for row in towns["results"]} == {"东栅社区", "新兴社区"}
    client.force_login(make_user("administrator"))
    assert client.get("/api/grids/scope/").json()["count"] == 0
    client.force_login(admin_user)
    assert client.get("/api/grids/scope/").json()["count"] == Grid.objects.count()


def test_scope_is_paginated(client, admin_user, grid_tree):
    town = grid_tree["wangdian"]
    for n in range(1, 31):
        town.add_child(name=f"村{n}", level="community", code=f"330411101{n:03d}")
    client.force_login(admin_user)
    data = client.get("/api/grids/scope/").json()
    assert data["count"] == Grid.objects.count() and len(data["results"]) == 20
    assert data["next"]


def test_schema_documents_grid_endpoints(client):
    schema = client.get("/api/schema/").content.decode()
    for route in ("/api/grids/", "/api/grids/mine/", "/api/grids/scope/", "/api/grids/{code}/"):
        assert route in schema


def test_grid_card_template(grid_tree):
    from django.template.loader import render_to_string

    html = render_to_string("grids/grid_card.html", {"grid": grid_tree["grid1"]})
    assert "嘉兴市 › 南湖区 › 新嘉街道 › 东栅社区 › 东栅第一网格" in html
    assert 'href="tel:13800001111"' in html and "王丽娟" in html
