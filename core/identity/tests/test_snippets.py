from core.identity.models import Badge, Household


def test_households_are_scoped(client, make_user, grid_tree):
    cadre = make_user("cadre", grid=grid_tree["xgrid"], scope=grid_tree["xinxing"], name="新兴书记")
    mine = Household.objects.create(number="XX-01", address="新兴路1号", grid=grid_tree["xgrid"])
    theirs = Household.objects.create(number="DZ-01", address="东栅路1号", grid=grid_tree["grid1"])
    client.force_login(cadre)
    page = client.get("/admin/snippets/identity/household/").content.decode()
    assert "XX-01" in page and "DZ-01" not in page
    assert client.get(f"/admin/snippets/identity/household/edit/{mine.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/identity/household/edit/{theirs.pk}/").status_code == 404


def test_administrators_edit_the_badge_list(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/admin/snippets/identity/badge/add/", {
        "name": "三官三师", "colour": "#0f766e", "sort_order": 3,
    })
    assert response.status_code == 302
    assert Badge.objects.filter(name="三官三师").exists()
    response = client.post("/admin/snippets/identity/badge/add/", {
        "name": "坏颜色", "colour": "red;x", "sort_order": 4,
    })
    assert response.status_code == 200
    assert not Badge.objects.filter(name="坏颜色").exists()
