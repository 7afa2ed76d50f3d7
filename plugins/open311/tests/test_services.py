"""GET services / service definitions / discovery, in XML and JSON, and their errors."""

from __future__ import annotations

import json

import pytest

from .conftest import parse_xml

pytestmark = pytest.mark.django_db


def test_service_list_xml(client, open311_on, report_categories):
    report_categories["hazard"].keywords = "消防 电瓶车 楼道"
    report_categories["hazard"].save()
    root = parse_xml(client.get("/open311/v2/services.xml"))
    assert root.tag == "services"
    services = {s.findtext("service_code"): s for s in root.findall("service")}
    assert set(services) == {"dispute", "hazard", "environment"}
    hazard = services["hazard"]
    assert hazard.findtext("service_name") == "安全隐患"
    assert hazard.findtext("metadata") == "true"
    assert hazard.findtext("type") == "realtime"
    assert hazard.findtext("keywords") == "消防, 电瓶车, 楼道"
    assert hazard.findtext("group") == "安全隐患"


def test_service_list_json_hides_inactive(client, open311_on, report_categories):
    report_categories["environment"].active = False
    report_categories["environment"].save()
    response = client.get("/open311/v2/services.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert [s["service_code"] for s in data] == ["dispute", "hazard"]
    assert data[0]["metadata"] is True and data[0]["type"] == "realtime"


def test_service_definition_both_formats(client, open311_on, report_categories):
    root = parse_xml(client.get("/open311/v2/services/hazard.xml"))
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "hazard"
    attributes = root.findall("attributes/attribute")
    assert [a.findtext("code") for a in attributes] == ["grid_code", "urgency", "anonymous"]
    assert attributes[0].findtext("required") == "true"
    assert [v.findtext("key") for v in attributes[1].findall("values/value")] == [
        "red", "yellow", "green"]
    data = json.loads(client.get("/open311/v2/services/hazard.json").content)
    assert data["service_code"] == "hazard"
    assert data["attributes"][0]["datatype"] == "string"
    assert data["attributes"][1]["values"][0] == {"key": "red", "name": "红色（紧急）"}


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_unknown_service_code_is_404_with_the_spec_error(client, open311_on, report_categories,
                                                        fmt):
    response = client.get(f"/open311/v2/services/pothole.{fmt}")
    assert response.status_code == 404
    if fmt == "xml":
        error = parse_xml(response).find("error")
        assert parse_xml(response).tag == "errors"
        assert error.findtext("code") == "404"
        assert "pothole" in error.findtext("description")
    else:
        assert json.loads(response.content) == [
            {"code": 404, "description": "service_code “pothole” 不存在。"}]


def test_jurisdiction(client, open311_on, report_categories, grid_tree):
    assert client.get("/open311/v2/services.json?jurisdiction_id=330400000000").status_code == 200
    response = client.get("/open311/v2/services.xml?jurisdiction_id=jiaxing.gov.cn")
    assert response.status_code == 404
    assert "jurisdiction_id" in parse_xml(response).findtext("error/description")
    assert client.get("/open311/v2/services.json?jurisdiction_id=110000000000"
                      ).status_code == 404


def test_discovery(client, open311_on):
    root = parse_xml(client.get("/open311/discovery.xml"))
    assert root.findtext("endpoints/endpoint/url").endswith("/open311/v2/")
    data = json.loads(client.get("/open311/discovery.json").content)
    assert data["endpoints"][0]["formats"] == ["text/xml", "application/json"]


def test_disabled_plugin_answers_404(client, set_plugin, home_page, report_categories):
    set_plugin("reports", True)
    set_plugin("open311", False)
    assert client.get("/open311/v2/services.xml").status_code == 404
