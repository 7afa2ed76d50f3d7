from core.identity.models import Badge, Household
from core.notifications.services import notify
from core.testing import VALID_ID_CARDS


def test_me_page_shows_masked_profile(client, make_user, grid_tree, register_temporarily):
    from core.plugins.hookspecs import hookimpl
    from core.plugins.manifest import PluginManifest
    from core.plugins.types import NavLink

    class Links:
        @hookimpl
        def user_center_links(self, request, user):
            return [NavLink("我的积分", "/points/me/")]

    register_temporarily(
        PluginManifest(slug="mylinks", label="链接", label_en="Links", version="1"), Links()
    )
    household = Household.objects.create(number="DZ-0101", address="东栅街道1号",
                                         grid=grid_tree["grid1"])
    user = make_user("resident", grid=grid_tree["micro"], name="张小红", mobile="13812345678",
                     id_card=VALID_ID_CARDS[0], household=household)
    user.badges.add(Badge.objects.create(name="党员", colour="#c8102e"))
    notify(user, "测试消息")
    client.force_login(user)
    response = client.get("/me/")
    assert response.status_code == 200
    assert response.context["tab"] == "me"
    page = response.content.decode()
    assert "张小红" in page
    assert "138****5678" in page and "13812345678" not in page
    assert "3304**********1230" in page and VALID_ID_CARDS[0] not in page
    assert grid_tree["micro"].full_name() in page
    assert "已认证" in page
    assert "党员" in page and "#c8102e" in page
    assert "DZ-0101" in page
    assert "居民" in page
    assert "/points/me/" in page and "我的积分" in page
    assert 'data-testid="me-unread">1<' in page
    assert 'action="/i18n/setlang/"' in page
    assert "退出登录" in page


def test_unverified_resident_sees_the_request_button(client, make_user, grid_tree):
    user = make_user("resident", grid=grid_tree["micro"], verified=False)
    client.force_login(user)
    page = client.get("/me/").content.decode()
    assert "未认证" in page and "/accounts/verification/" in page


def test_me_needs_login(client, db):
    response = client.get("/me/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_home_grid_changes_only_before_verification(client, make_user, grid_tree):
    user = make_user("resident", grid=grid_tree["micro"], verified=False)
    client.force_login(user)
    page = client.get("/me/edit/").content.decode()
    assert grid_tree["micro"].code in page  # the cascade starts at the current community
    response = client.post("/me/edit/", {"home_grid": grid_tree["xgrid"].code})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.home_grid == grid_tree["xgrid"]

    user.verification_status = "verified"
    user.save()
    page = client.get("/me/edit/").content.decode()
    assert "已锁定" in page
    client.post("/me/edit/", {"home_grid": grid_tree["micro"].code})
    user.refresh_from_db()
    assert user.home_grid == grid_tree["xgrid"]


def test_password_change(client, resident):
    client.force_login(resident)
    response = client.post("/me/password/", {
        "old_password": "jiayuan-test-1", "new_password1": "Another-Pass-2024",
        "new_password2": "Another-Pass-2024",
    })
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.check_password("Another-Pass-2024")
    assert client.get("/me/").status_code == 200  # still signed in
