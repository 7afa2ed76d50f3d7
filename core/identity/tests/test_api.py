import re

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from core.notifications.channels import LoggingSmsBackend
from core.testing import VALID_ID_CARDS

User = get_user_model()
PASSWORD = "Jiayuan-2024-secure"


@pytest.fixture
def api():
    return APIClient()


def test_register_logs_in_and_returns_masked_profile(api, grid_tree):
    response = api.post("/api/auth/register/", {
        "mobile": "13712345678", "name": "陈小明", "id_card": VALID_ID_CARDS[2],
        "home_grid": grid_tree["micro"].code, "password1": PASSWORD, "password2": PASSWORD,
    }, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["mobile"] == "137****5678"
    assert body["id_card"] == VALID_ID_CARDS[2][:4] + "**********" + VALID_ID_CARDS[2][-4:]
    assert body["verification_status"] == "pending"
    assert body["consented"] is False
    assert body["home_grid"]["code"] == grid_tree["micro"].code
    assert body["roles"] == ["居民"]
    assert api.get("/api/me/").json()["name"] == "陈小明"


def test_register_errors_are_chinese_json(api, grid_tree, make_user):
    make_user("resident", grid=grid_tree["micro"], id_card=VALID_ID_CARDS[2])
    response = api.post("/api/auth/register/", {
        "mobile": "1371234", "name": "陈小明", "id_card": VALID_ID_CARDS[2],
        "home_grid": "999", "password1": PASSWORD, "password2": PASSWORD,
    }, format="json")
    assert response.status_code == 400
    body = response.json()
    assert "11位" in body["errors"]["mobile"][0]
    assert "一个实名身份只能注册一个账号" in body["errors"]["id_card"][0]
    assert "home_grid" in body["errors"]
    assert body["detail"]


def test_login_logout_and_lockout(api, resident, settings):
    response = api.post("/api/auth/login/", {"mobile": resident.mobile, "password": "wrong"})
    assert response.status_code == 400
    assert response.json()["detail"] == "手机号或密码不正确。"
    response = api.post("/api/auth/login/", {"mobile": resident.mobile, "password": "jiayuan-test-1"})
    assert response.status_code == 200 and response.json()["id"] == resident.pk
    assert api.post("/api/auth/logout/").status_code == 200
    assert api.get("/api/me/").status_code == 403
    for _ in range(settings.LOGIN_MAX_FAILURES):
        api.post("/api/auth/login/", {"mobile": resident.mobile, "password": "wrong"})
    response = api.post("/api/auth/login/", {"mobile": resident.mobile, "password": "jiayuan-test-1"})
    assert response.status_code == 429
    assert response.json()["detail"] == "登录失败次数过多，请15分钟后再试"


def test_sms_login(api, resident):
    assert api.post("/api/auth/sms/", {"mobile": resident.mobile}).status_code == 200
    code = re.search(r"\d{6}", LoggingSmsBackend.sent[-1][1]).group(0)
    again = api.post("/api/auth/sms/", {"mobile": resident.mobile})
    assert again.status_code == 429 and "60秒" in again.json()["detail"]
    bad = api.post("/api/auth/sms/verify/", {"mobile": resident.mobile, "code": "12"})
    assert bad.status_code == 400 and bad.json()["detail"] == "请输入6位数字验证码。"
    response = api.post("/api/auth/sms/verify/", {"mobile": resident.mobile, "code": code})
    assert response.status_code == 200 and response.json()["id"] == resident.pk


def test_consent_and_verification(api, make_user, grid_tree):
    user = make_user("resident", grid=grid_tree["micro"], consented=False, verified=False)
    api.force_authenticate(user)
    body = api.get("/api/me/").json()
    assert body["consented"] is False
    refused = api.post("/api/me/verification/", {"name": "王五"})
    assert refused.status_code == 403 and "用户服务协议" in refused.json()["detail"]
    assert api.post("/api/me/consent/").json()["consented"] is True
    missing = api.post("/api/me/verification/", {"name": "王五"})
    assert missing.status_code == 400 and "id_card" in missing.json()["errors"]
    bad = api.post("/api/me/verification/", {"name": "王五", "id_card": "330402199001011231"})
    assert "校验位不正确" in bad.json()["errors"]["id_card"][0]
    ok = api.post("/api/me/verification/", {"name": "王五", "id_card": VALID_ID_CARDS[5]})
    assert ok.status_code == 200 and ok.json()["verification_status"] == "pending"


def test_csrf_is_enforced_for_signed_in_sessions(resident):
    api = APIClient(enforce_csrf_checks=True)
    api.login(mobile=resident.mobile, password="jiayuan-test-1")
    assert api.post("/api/auth/logout/").status_code == 403


def test_schema_documents_the_endpoints(api, db):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    for path in ["/api/auth/register/", "/api/auth/login/", "/api/auth/sms/",
                 "/api/auth/sms/verify/", "/api/auth/logout/", "/api/me/",
                 "/api/me/consent/", "/api/me/verification/"]:
        assert path in schema["paths"], path
