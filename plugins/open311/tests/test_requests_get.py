"""GET requests(.xml|.json) and requests/{id}: fields, filters, errors, who sees what."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from plugins.reports.models import Report
from plugins.reports.workflow import transition

from .conftest import parse_xml

pytestmark = pytest.mark.django_db


def codes_xml(response) -> set[str]:
    return {r.findtext("service_request_id") for r in parse_xml(response).findall("request")}


def codes_json(response) -> set[str]:
    return {r["service_request_id"] for r in json.loads(response.content)}


def test_public_sees_public_categories_only_in_both_formats(client, open311_on, reports):
    expected = {reports["hazard"].code, reports["anon"].code}
    assert codes_xml(client.get("/open311/v2/requests.xml")) == expected
    assert codes_json(client.get("/open311/v2/requests.json")) == expected


def test_request_fields(client, open311_on, reports):
    hazard = reports["hazard"]
    root = parse_xml(client.get(f"/open311/v2/requests/{hazard.code}.xml"))
    request = root.find("request")
    assert root.tag == "service_requests"
    assert request.findtext("status") == "open"
    assert request.findtext("service_code") == "hazard"
    assert request.findtext("service_name") == "安全隐患"
    assert request.findtext("agency_responsible")  # the grid team handling it
    assert request.findtext("requested_datetime").endswith("+08:00")
    assert request.findtext("lat") == "30.752311"
    assert request.findtext("address_id") == hazard.grid.code
    # never the reporter, in any form
    body = client.get(f"/open311/v2/requests/{hazard.code}.json").content.decode()
    assert hazard.reporter.name not in body and hazard.reporter.mobile not in body
    data = json.loads(body)[0]
    if hazard.due_at:
        assert data["expected_datetime"].endswith("+08:00")


def test_anonymous_report_is_blurred_for_the_public_only(client, open311_on, reports, api_key):
    anon = reports["anon"]
    public = json.loads(client.get(f"/open311/v2/requests/{anon.code}.json").content)[0]
    assert "201室" not in public["address"] and public["address"] == anon.grid.name
    assert public["lat"] == 30.75 and public["long"] == 120.78
    _key, raw = api_key
    full = json.loads(client.get(f"/open311/v2/requests/{anon.code}.json?api_key={raw}"
                                 ).content)[0]
    assert full["address"] == "东栅路88号3单元201室门口"
    assert full["lat"] == 30.751234


def test_non_public_case_is_404_for_the_public(client, open311_on, reports):
    for fmt in ("xml", "json"):
        response = client.get(f"/open311/v2/requests/{reports['dispute'].code}.{fmt}")
        assert response.status_code == 404
    assert "不存在" in parse_xml(response if fmt == "xml" else client.get(
        f"/open311/v2/requests/{reports['dispute'].code}.xml")).findtext("error/description")


def test_api_key_sees_its_subtree_plus_public(client, open311_on, reports, api_key):
    _key, raw = api_key
    seen = codes_json(client.get(f"/open311/v2/requests.json?api_key={raw}"))
    assert seen == {reports["hazard"].code, reports["anon"].code, reports["dispute"].code}
    assert client.get(f"/open311/v2/requests/{reports['other'].code}.json?api_key={raw}"
                      ).status_code == 404
    bad = client.get("/open311/v2/requests.xml?api_key=not-a-key")
    assert bad.status_code == 403
    assert parse_xml(bad).findtext("error/code") == "403"


def test_grid_worker_cannot_read_another_grids_case(client, open311_on, reports, make_user,
                                                    grid_tree):
    worker = make_user("grid_worker", grid=grid_tree["xgrid"], scope=grid_tree["xgrid"])
    client.force_login(worker)
    seen = codes_json(client.get("/open311/v2/requests.json"))
    assert reports["other"].code in seen  # their own grid's dispute
    assert reports["dispute"].code not in seen  # 东栅's dispute: not theirs
    assert client.get(f"/open311/v2/requests/{reports['dispute'].code}.json").status_code == 404


def test_filters(client, open311_on, reports, api_key, make_user, grid_tree):
    _key, raw = api_key
    base = f"/open311/v2/requests.json?api_key={raw}"
    hazard, dispute, anon = reports["hazard"], reports["dispute"], reports["anon"]
    assert codes_json(client.get(f"{base}&service_request_id={hazard.code},{dispute.code}")
                      ) == {hazard.code, dispute.code}
    assert codes_json(client.get(f"{base}&service_code=hazard,environment")) == {
        hazard.code, anon.code}
    worker = make_user("grid_worker", grid=grid_tree["grid1"], scope=grid_tree["grid1"])
    transition(dispute, Report.Status.REJECTED, actor=worker, note="不属于受理范围")
    assert codes_json(client.get(f"{base}&status=closed")) == {dispute.code}
    assert dispute.code not in codes_json(client.get(f"{base}&status=open"))
    now = timezone.now()
    window = (f"&start_date={quote((now - timedelta(days=1)).isoformat())}"
              f"&end_date={quote((now + timedelta(days=1)).isoformat())}")
    assert len(codes_json(client.get(base + window))) == 3
    Report.objects.filter(pk=hazard.pk).update(created_at=now - timedelta(days=100))
    assert hazard.code not in codes_json(client.get(base))  # default: the last 90 days
    assert codes_json(client.get(f"{base}&start_date=2026-01-01T00:00:00Z"
                                 f"&end_date=2026-01-02T00:00:00Z")) == set()


@pytest.mark.parametrize("query, message", [
    ("start_date=2026-11-01", "W3C"),  # no time zone
    ("start_date=yesterday", "W3C"),
    ("start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "90 天"),
    ("status=pending", "open 或 closed"),
    ("jurisdiction_id=330499999999", "jurisdiction_id"),
])
def test_bad_filters_are_spec_errors(client, open311_on, reports, query, message):
    response = client.get(f"/open311/v2/requests.xml?{query}")
    assert response.status_code in (400, 404)
    assert message in parse_xml(response).findtext("error/description")


def test_jurisdiction_narrows_to_a_subtree(client, open311_on, reports, make_user, grid_tree):
    admin = make_user("administrator", grid=grid_tree["city"], scope=grid_tree["city"])
    client.force_login(admin)
    everything = codes_json(client.get("/open311/v2/requests.json"))
    assert reports["other"].code in everything
    only_dongzha = codes_json(client.get("/open311/v2/requests.json?jurisdiction_id="
                                         f"{grid_tree['dongzha'].code}"))
    assert reports["other"].code not in only_dongzha and reports["dispute"].code in only_dongzha


def test_list_query_count_is_constant(client, open311_on, make_report, api_key,
                                      django_assert_max_num_queries):
    _key, raw = api_key
    for _ in range(3):
        make_report(category="hazard")
    with django_assert_max_num_queries(16) as small:  # session, plugin state, key, reports…
        client.get(f"/open311/v2/requests.json?api_key={raw}")
    for _ in range(12):
        make_report(category="hazard")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(f"/open311/v2/requests.json?api_key={raw}")
    assert len(json.loads(response.content)) == 15
