"""POST requests(.xml|.json): filing with an API key; every bad input saves nothing."""

from __future__ import annotations

import json

import pytest

from plugins.open311.models import ApiKey, Submission
from plugins.reports.models import Report

from .conftest import parse_xml

pytestmark = pytest.mark.django_db


def post_data(raw: str, grid_code: str, **extra) -> dict:
    data = {"api_key": raw, "service_code": "hazard", "jurisdiction_id": "330400000000",
            "description": "东栅路与中环南路交叉口窨井盖缺失，夜间行人容易踩空。",
            "lat": "30.750100", "long": "120.780200", "address_string": "南湖区东栅路188号",
            "attribute[grid_code]": grid_code, "first_name": "建国", "last_name": "沈",
            "phone": "13857300001", "account_id": "12345-20261129-0012",
            "attribute[urgency]": "red"}
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def test_post_json_files_a_report_as_the_keys_service_user(client, open311_on, report_categories,
                                                           api_key, grid_tree):
    key, raw = api_key
    response = client.post("/open311/v2/requests.json",
                           post_data(raw, grid_tree["grid1"].code))
    assert response.status_code == 201, response.content.decode()
    data = json.loads(response.content)
    report = Report.objects.get(code=data[0]["service_request_id"])
    assert report.source == Report.Source.OPEN311
    assert report.reporter == key.service_user
    assert report.grid == grid_tree["grid1"]
    assert report.urgency == "red"
    assert str(report.latitude) == "30.750100"
    assert data[0]["account_id"] == "12345-20261129-0012"
    assert report.code in data[0]["service_notice"]
    submission = Submission.objects.get(report=report)
    assert submission.api_key == key and submission.phone == "13857300001"
    key.refresh_from_db()
    assert key.last_used_at is not None
    # and it can be read back through the API, in XML
    root = parse_xml(client.get(f"/open311/v2/requests/{report.code}.xml?api_key={raw}"))
    assert root.findtext("request/status") == "open"


def test_post_xml_response(client, open311_on, report_categories, api_key, grid_tree):
    _key, raw = api_key
    response = client.post("/open311/v2/requests.xml", post_data(raw, grid_tree["micro"].code))
    root = parse_xml(response)
    assert root.tag == "service_requests"
    assert root.findtext("request/service_request_id").startswith("330402004001")


@pytest.mark.parametrize("change, status, message", [
    ({"api_key": None}, 403, "api_key"),
    ({"api_key": "guessed-key"}, 403, "api_key"),
    ({"service_code": "pothole"}, 404, "service_code"),
    ({"service_code": ""}, 400, "service_code"),
    ({"description": "  "}, 400, "description"),
    ({"description": "长" * 2001}, 400, "2000"),
    ({"attribute[grid_code]": "330402004002001"}, 403, "授权区域"),  # 新兴: not the key's
    ({"attribute[grid_code]": ""}, 400, "grid_code"),
    ({"lat": None, "long": None, "address_string": None, "attribute[grid_code]": None}, 400,
     "位置"),
    ({"lat": "north"}, 400, "lat"),
    ({"attribute[urgency]": "purple"}, 400, "urgency"),
    ({"jurisdiction_id": "sfgov.org"}, 404, "jurisdiction_id"),
    ({"email": "not-an-email"}, 400, "email"),
])
def test_bad_input_is_a_spec_error_and_nothing_is_saved(client, open311_on, report_categories,
                                                        api_key, grid_tree, change, status,
                                                        message):
    _key, raw = api_key
    data = post_data(raw, grid_tree["grid1"].code)
    data.update(change)
    data = {k: v for k, v in data.items() if v is not None}
    response = client.post("/open311/v2/requests.xml", data)
    assert response.status_code == status
    error = parse_xml(response).find("error")
    assert error.findtext("code") == str(status)
    assert message in error.findtext("description")
    assert not Report.objects.exists() and not Submission.objects.exists()


def test_inactive_key_is_refused(client, open311_on, report_categories, api_key, grid_tree):
    key, raw = api_key
    ApiKey.objects.filter(pk=key.pk).update(active=False)
    response = client.post("/open311/v2/requests.json", post_data(raw, grid_tree["grid1"].code))
    assert response.status_code == 403
    assert json.loads(response.content)[0]["code"] == 403
    assert not Report.objects.exists()


def test_a_session_alone_cannot_post(client, open311_on, report_categories, grid_tree,
                                     make_user):
    """Only the key authenticates a POST, so CSRF exemption gives a cookie no power."""
    worker = make_user("grid_worker", grid=grid_tree["grid1"], scope=grid_tree["grid1"])
    client.force_login(worker)
    data = post_data("", grid_tree["grid1"].code)
    data.pop("api_key")
    assert client.post("/open311/v2/requests.json", data).status_code == 403
    assert not Report.objects.exists()
