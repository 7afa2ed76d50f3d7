import re

import pytest
from django.test import override_settings

from core.notifications.channels import LoggingSmsBackend

PASSWORD = "jiayuan-test-1"  # core.testing.make_user's password
LOCKED = "登录失败次数过多，请15分钟后再试"


def test_password_login_and_safe_next(client, resident):
    response = client.post("/accounts/login/", {"mobile": resident.mobile, "password": PASSWORD,
                                                "next": "/me/"})
    assert response.status_code == 302 and response.url == "/me/"
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_wrong_password_is_a_chinese_error(client, resident):
    response = client.post("/accounts/login/", {"mobile": resident.mobile, "password": "nope"})
    assert response.status_code == 200
    assert "手机号或密码不正确" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_offsite_next_is_ignored(client, resident):
    response = client.post("/accounts/login/", {"mobile": resident.mobile, "password": PASSWORD,
                                                "next": "https://evil.example/"})
    assert response.url == "/"


def test_five_failures_lock_out_even_the_right_password(client, resident, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        client.post("/accounts/login/", {"mobile": resident.mobile, "password": "wrong"})
    response = client.post("/accounts/login/", {"mobile": resident.mobile, "password": PASSWORD})
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_counts_per_address_too(client, make_user, grid_tree, settings):
    users = [make_user("resident", grid=grid_tree["micro"]) for _ in range(2)]
    for _ in range(settings.LOGIN_MAX_FAILURES):
        client.post("/accounts/login/", {"mobile": "13000000000", "password": "wrong"},
                    REMOTE_ADDR="10.0.0.9")
    response = client.post("/accounts/login/", {"mobile": users[0].mobile, "password": PASSWORD},
                           REMOTE_ADDR="10.0.0.9")
    assert LOCKED in response.content.decode()
    response = client.post("/accounts/login/", {"mobile": users[1].mobile, "password": PASSWORD},
                           REMOTE_ADDR="10.0.0.10")
    assert response.status_code == 302


def test_success_resets_the_count(client, resident, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES - 1):
        client.post("/accounts/login/", {"mobile": resident.mobile, "password": "wrong"},
                    REMOTE_ADDR="10.0.0.1")
    assert client.post("/accounts/login/", {"mobile": resident.mobile, "password": PASSWORD},
                       REMOTE_ADDR="10.0.0.2").status_code == 302
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"mobile": resident.mobile, "password": "wrong"},
                REMOTE_ADDR="10.0.0.2")
    assert client.post("/accounts/login/", {"mobile": resident.mobile, "password": PASSWORD},
                       REMOTE_ADDR="10.0.0.2").status_code == 302


def test_admin_login_is_throttled_too(client, admin_user, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        response = client.post("/admin/login/", {"username": admin_user.mobile, "password": "x"})
        assert response.status_code == 200
    response = client.post("/admin/login/", {"username": admin_user.mobile,
                                             "password": "jiayuan-admin-1"})
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_admin_login_still_works(client, admin_user):
    response = client.post("/admin/login/", {"username": admin_user.mobile,
                                             "password": "jiayuan-admin-1"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(admin_user.pk)


def test_logout_is_post_only(client, resident):
    client.force_login(resident)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def _last_code(mobile):
    sent = [text for to, text in LoggingSmsBackend.sent if to == mobile]
    return re.search(r"\d{6}", sent[-1]).group(0)


@override_settings(JIAYUAN_SMS_BACKEND="core.notifications.channels.LoggingSmsBackend")
def test_sms_login(client, resident):
    response = client.post("/accounts/login/sms/", {"action": "send", "send-mobile": resident.mobile})
    assert response.status_code == 200
    code = _last_code(resident.mobile)
    response = client.post("/accounts/login/sms/", {
        "action": "verify", "verify-mobile": resident.mobile, "verify-code": code, "next": "/me/",
    })
    assert response.status_code == 302 and response.url == "/me/"
    assert client.session["_auth_user_id"] == str(resident.pk)
    # A code works once.
    client.post("/accounts/logout/")
    response = client.post("/accounts/login/sms/", {
        "action": "verify", "verify-mobile": resident.mobile, "verify-code": code,
    })
    assert "验证码已过期或未发送" in response.content.decode()


def test_sms_resend_interval_and_unknown_numbers(client, resident):
    client.post("/accounts/login/sms/", {"action": "send", "send-mobile": resident.mobile})
    response = client.post("/accounts/login/sms/", {"action": "send", "send-mobile": resident.mobile})
    assert "60秒后再试" in response.content.decode()
    assert len(LoggingSmsBackend.sent) == 1
    response = client.post("/accounts/login/sms/", {"action": "send", "send-mobile": "13000000001"})
    assert "如该手机号已注册，验证码已发送" in response.content.decode()  # same answer
    assert len(LoggingSmsBackend.sent) == 1  # but nothing sent


def test_sms_code_dies_after_five_wrong_guesses(client, resident):
    from core.identity import sms

    client.post("/accounts/login/sms/", {"action": "send", "send-mobile": resident.mobile})
    code = _last_code(resident.mobile)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(sms.MAX_ATTEMPTS - 1):
        response = client.post("/accounts/login/sms/", {
            "action": "verify", "verify-mobile": resident.mobile, "verify-code": wrong,
        }, REMOTE_ADDR="10.1.1.1")
        assert "验证码不正确" in response.content.decode()
    response = client.post("/accounts/login/sms/", {
        "action": "verify", "verify-mobile": resident.mobile, "verify-code": wrong,
    }, REMOTE_ADDR="10.1.1.1")
    assert "验证码错误次数过多" in response.content.decode()
    # The right code no longer works: the mobile is now locked as well.
    response = client.post("/accounts/login/sms/", {
        "action": "verify", "verify-mobile": resident.mobile, "verify-code": code,
    })
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("code", ["12345", "abcdef"])
def test_sms_code_shape(client, resident, code):
    response = client.post("/accounts/login/sms/", {
        "action": "verify", "verify-mobile": resident.mobile, "verify-code": code,
    })
    assert "请输入6位数字验证码" in response.content.decode()
