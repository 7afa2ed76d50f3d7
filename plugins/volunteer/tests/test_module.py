"""The module page and API answer while enabled and 404 while disabled."""

import pytest

pytestmark = pytest.mark.django_db


def test_module_page_answers_when_enabled(client, resident, volunteer_on):
    client.force_login(resident)
    response = client.get("/volunteer/")
    assert response.status_code == 200
    assert "志愿服务" in response.content.decode()


def test_module_page_asks_visitors_to_log_in(client, volunteer_on):
    response = client.get("/volunteer/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_pages_api_and_admin_404_when_disabled(client, resident, admin_user, make_activity,
                                               set_plugin, home_page):
    activity = make_activity()
    set_plugin("volunteer", False)
    client.force_login(resident)
    for url in ["/volunteer/", f"/volunteer/{activity.pk}/", "/volunteer/mine/",
                "/volunteer/certificate/", "/api/volunteer/activities/", "/api/volunteer/hours/"]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/volunteer/{activity.pk}/signup/").status_code == 404
    assert not activity.signups.exists()
    client.force_login(admin_user)
    assert client.get("/admin/volunteer/activities/").status_code == 404
    assert client.get(f"/admin/volunteer/activities/{activity.pk}/signups/").status_code == 404


def test_disabled_for_one_subtree_only(client, make_user, make_activity, grid_tree, set_plugin,
                                       home_page):
    make_activity(grid="city")
    set_plugin("volunteer", True)
    set_plugin("volunteer", False, grid=grid_tree["nanhu"])
    client.force_login(make_user("resident", grid=grid_tree["micro"]))
    assert client.get("/volunteer/").status_code == 404
    client.force_login(make_user("resident", grid=grid_tree["wangdian"]))
    assert "垃圾分类督导" in client.get("/volunteer/").content.decode()
