from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from core.testing import VALID_ID_CARDS

User = get_user_model()


def test_admin_creates_a_user_with_mobile_and_grid(client, admin_user, grid_tree):
    client.force_login(admin_user)
    assert client.get("/admin/users/new/").status_code == 200
    response = client.post("/admin/users/new/", {
        "mobile": "13655556666", "name": "周网格", "id_card": VALID_ID_CARDS[5], "email": "",
        "home_grid": grid_tree["grid1"].pk, "scope_grid": grid_tree["grid1"].pk,
        "password1": "Grid-Worker-2024", "password2": "Grid-Worker-2024",
        "groups": [Group.objects.get(name="网格员").pk],
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(mobile="13655556666")
    assert user.name == "周网格" and user.scope_grid == grid_tree["grid1"]
    assert user.get_id_card() == VALID_ID_CARDS[5]
    assert user.has_role("grid_worker")


def test_admin_edit_form_renders(client, admin_user, resident):
    client.force_login(admin_user)
    page = client.get(f"/admin/users/edit/{resident.pk}/").content.decode()
    assert "居住网格" in page and resident.mobile in page


def test_user_listing_is_scoped_for_non_superusers(client, make_user, grid_tree, resident):
    cadre = make_user("cadre", grid=grid_tree["dongzha"], scope=grid_tree["xinxing"], name="社区书记")
    cadre.user_permissions.add(*Permission.objects.filter(codename="change_user"))
    outsider = make_user("resident", grid=grid_tree["xgrid"], name="新兴居民")
    client.force_login(cadre)
    page = client.get("/admin/users/").content.decode()
    assert "新兴居民" in page
    assert resident.name not in page
    assert client.get(f"/admin/users/edit/{resident.pk}/").status_code == 404
    assert client.get(f"/admin/users/edit/{outsider.pk}/").status_code == 200


def test_non_superusers_cannot_grant_admin(client, make_user, grid_tree):
    cadre = make_user("cadre", grid=grid_tree["dongzha"], scope=grid_tree["dongzha"])
    cadre.user_permissions.add(*Permission.objects.filter(codename__in=["add_user", "change_user"]))
    client.force_login(cadre)
    admins = Group.objects.get(name="管理员")
    response = client.post("/admin/users/new/", {
        "mobile": "13655557777", "name": "新同事", "id_card": "", "email": "",
        "home_grid": grid_tree["grid1"].pk, "scope_grid": grid_tree["xgrid"].pk,
        "password1": "Grid-Worker-2024", "password2": "Grid-Worker-2024",
        "is_superuser": "on", "groups": [admins.pk],
    })
    assert response.status_code == 200  # out-of-scope grid and administrator role refused
    assert not User.objects.filter(mobile="13655557777").exists()
    response = client.post("/admin/users/new/", {
        "mobile": "13655557777", "name": "新同事", "id_card": "", "email": "",
        "home_grid": grid_tree["grid1"].pk, "scope_grid": grid_tree["grid1"].pk,
        "password1": "Grid-Worker-2024", "password2": "Grid-Worker-2024", "is_superuser": "on",
        "groups": [Group.objects.get(name="网格员").pk],
    })
    assert response.status_code == 302
    assert User.objects.get(mobile="13655557777").is_superuser is False
