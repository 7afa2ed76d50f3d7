"""Open311 接口密钥 admin: created by administrators, shown once, stored as a digest."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from plugins.open311.keys import authenticate, digest
from plugins.open311.models import ApiKey


@pytest.fixture
def admin_client(client, admin_user, open311_on):
    client.force_login(admin_user)
    return client


def test_create_shows_the_key_once_and_stores_its_digest(admin_client, grid_tree, hotline_user,
                                                         admin_user):
    response = admin_client.post(reverse("open311_keys:add"), {
        "name": "12345 政务服务热线", "grid": grid_tree["nanhu"].pk,
        "service_mobile": hotline_user.mobile, "active": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    raw = re.search(r'id="open311-raw-key"[^>]*>([^<]+)<', page).group(1)
    key = ApiKey.objects.get()
    assert key.key_hash == digest(raw) and raw not in key.key_hash
    assert key.prefix == raw[:8] and key.created_by == admin_user
    assert key.service_user == hotline_user
    assert authenticate(raw) == key
    listing = admin_client.get(reverse("open311_keys:index")).content.decode()
    assert "12345 政务服务热线" in listing and raw not in listing
    edit = admin_client.get(reverse("open311_keys:edit", args=[key.pk])).content.decode()
    assert raw not in edit


def test_unknown_service_account_is_refused(admin_client, grid_tree):
    response = admin_client.post(reverse("open311_keys:add"), {
        "name": "12345 政务服务热线", "grid": grid_tree["nanhu"].pk,
        "service_mobile": "13000000000", "active": "on"})
    assert response.status_code == 200
    assert "没有手机号为 13000000000 的有效账号" in response.content.decode()
    assert not ApiKey.objects.exists()


def test_grid_worker_cannot_manage_keys(client, make_user, grid_tree, open311_on):
    worker = make_user("grid_worker", grid=grid_tree["grid1"], scope=grid_tree["grid1"])
    client.force_login(worker)
    assert client.get(reverse("open311_keys:index")).status_code in (302, 403)
