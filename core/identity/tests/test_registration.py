import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from core.identity.forms import RegistrationForm
from core.testing import VALID_ID_CARDS

User = get_user_model()
PASSWORD = "Jiayuan-2024-secure"


def form_data(grid, **overrides):
    data = {
        "mobile": "13712345678", "name": "陈小明", "id_card": VALID_ID_CARDS[2],
        "home_grid": grid.code, "password1": PASSWORD, "password2": PASSWORD,
    }
    return {**data, **overrides}


def area_query(*nodes):
    return "&".join(f"area={node.pk}" for node in nodes)


def test_register_page_cascades_down_to_the_communitys_grids(client, grid_tree):
    page = client.get("/accounts/register/").content.decode()
    assert "南湖区" in page and "秀洲区" in page  # the single city is chosen automatically
    assert "东栅第一网格" not in page
    page = client.get(
        "/accounts/register/?" + area_query(grid_tree["nanhu"], grid_tree["dongzha"])
    ).content.decode()
    assert "东栅社区" in page
    assert '<optgroup label="东栅第一网格">' in page
    assert f'value="{grid_tree["micro"].code}"' in page
    assert "新兴第一网格" not in page


def test_registration_end_to_end(client, grid_tree):
    response = client.post("/accounts/register/", form_data(grid_tree["micro"]))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/consent/")
    user = User.objects.get(mobile="13712345678")
    assert user.name == "陈小明"
    assert user.home_grid == grid_tree["micro"]
    assert user.verification_status == "pending"
    assert user.has_role("resident")
    assert not user.has_consented
    assert user.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)
    # The portal sends the new resident to the consent screen first.
    me = client.get("/me/")
    assert me.status_code == 302 and me.url.startswith("/accounts/consent/?next=/me/")


def test_id_card_is_encrypted_at_rest_and_shown_masked(client, grid_tree):
    client.post("/accounts/register/", form_data(grid_tree["micro"]))
    user = User.objects.get(mobile="13712345678")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_card_encrypted, id_card_digest, id_card_masked FROM identity_user WHERE id = %s",
            [user.pk],
        )
        row = cursor.fetchone()
    number = VALID_ID_CARDS[2]
    assert all(number not in str(column) for column in row)
    assert row[2] == number[:4] + "**********" + number[-4:]
    assert user.get_id_card() == number


def test_one_identity_one_account(grid_tree, make_user):
    make_user("resident", grid=grid_tree["micro"], id_card=VALID_ID_CARDS[2])
    lower = VALID_ID_CARDS[2]  # same number again
    form = RegistrationForm(form_data(grid_tree["micro"], id_card=lower))
    assert not form.is_valid()
    assert "一个实名身份只能注册一个账号" in form.errors["id_card"][0]


def test_duplicate_mobile_and_bad_fields_give_chinese_errors(client, grid_tree, resident):
    response = client.post("/accounts/register/", form_data(
        grid_tree["micro"], mobile=resident.mobile, id_card="330402199001011231",
        password2="something-else",
    ))
    assert response.status_code == 200
    page = response.content.decode()
    assert "该手机号已注册" in page
    assert "校验位不正确" in page
    assert "两次输入的密码不一致" in page
    assert User.objects.filter(name="陈小明").count() == 0


def test_a_race_on_the_identity_is_a_form_error_not_an_integrity_error(grid_tree, make_user):
    form = RegistrationForm(form_data(grid_tree["micro"]))
    assert form.is_valid()
    make_user("resident", grid=grid_tree["grid1"], id_card=VALID_ID_CARDS[2])  # wins the race
    assert form.save() is None
    assert "一个实名身份只能注册一个账号" in form.errors["id_card"][0]
    assert not User.objects.filter(mobile="13712345678").exists()


def test_home_grid_must_be_a_grid_node(grid_tree):
    form = RegistrationForm(form_data(grid_tree["town"]))
    assert not form.is_valid()
    assert "home_grid" in form.errors


@pytest.mark.parametrize("target, expected", [("/me/", "/me/"), ("https://evil.example/", "/")])
def test_consent_records_and_redirects_only_to_safe_next(client, make_user, grid_tree, target, expected):
    user = make_user("resident", grid=grid_tree["micro"], consented=False)
    client.force_login(user)
    page = client.get("/accounts/consent/").content.decode()
    assert "用户服务协议与隐私政策" in page and "身份证号码加密存储" in page
    response = client.post("/accounts/consent/", {"next": target})
    assert response.status_code == 302 and response.url == expected
    user.refresh_from_db()
    assert user.has_consented
