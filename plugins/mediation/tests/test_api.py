"""The JSON API: directory, queue, every action, scoping and the schema."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from plugins.mediation.models import Agreement, Case, Session
from plugins.reports.models import Report

pytestmark = pytest.mark.django_db
API = "/api/mediation"


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_full_case_through_the_api(case, directory, posts, staff, later):
    api = api_for(staff["mediator"])
    queue = api.get(f"{API}/cases/").json()["results"]
    assert [row["id"] for row in queue] == [case.pk]
    detail = api.get(f"{API}/cases/{case.pk}/").json()
    assert detail["suggestions"][0] == {"id": directory["trade"].pk, "name": directory["trade"].name,
                                        "region": "嘉兴市", "matches": True}
    assert api.post(f"{API}/cases/{case.pk}/assign/", {
        "organisation": directory["town"].pk, "mediator": posts["town"].pk}).status_code == 200
    start, end = later()
    booked = api.post(f"{API}/cases/{case.pk}/sessions/", {
        "starts_at": start.isoformat(), "ends_at": end.isoformat(), "place": "调解室"})
    assert booked.status_code == 200 and len(booked.json()["sessions"]) == 1
    clash = api.post(f"{API}/cases/{case.pk}/sessions/", {
        "starts_at": start.isoformat(), "ends_at": end.isoformat(), "place": "调解室"})
    assert clash.status_code == 400 and "已有调解安排" in clash.json()["detail"]
    session = Session.objects.get()
    assert api.post(f"{API}/sessions/{session.pk}/notes/",
                    {"notes": "双方陈述意见"}).json()["notes"] == "双方陈述意见"
    missing = api.post(f"{API}/cases/{case.pk}/agreement/", {"parties": "张美华"})
    assert missing.status_code == 400 and not Agreement.objects.exists()
    today = timezone.localdate()
    done = api.post(f"{API}/cases/{case.pk}/agreement/", {
        "parties": "申请人：张美华", "facts": "噪音", "terms": "不再施工",
        "signed_on": today.isoformat(),
        "performance_deadline": (today + timedelta(days=5)).isoformat()})
    assert done.status_code == 200 and done.json()["status"] == "agreed"
    agreement_id = done.json()["agreement_id"]
    reporter = api_for(case.report.reporter)
    assert reporter.get(f"{API}/agreements/{agreement_id}/").json()["terms"] == "不再施工"
    assert api_for(staff["xiuzhou_mediator"]).get(
        f"{API}/agreements/{agreement_id}/").status_code == 404


def test_failure_through_the_api_escalates(case, staff):
    api = api_for(staff["mediator"])
    response = api.post(f"{API}/cases/{case.pk}/failure/", {"reason": "一方拒绝调解"})
    assert response.status_code == 200
    assert Report.objects.get(pk=case.report_id).status == Report.Status.COUNTY_CENTER


def test_api_scoping(case, directory, posts, staff, resident):
    other = api_for(staff["xiuzhou_mediator"])
    assert other.get(f"{API}/cases/").json()["results"] == []
    assert other.get(f"{API}/cases/{case.pk}/").status_code == 404
    assert other.post(f"{API}/cases/{case.pk}/assign/", {
        "organisation": directory["xiuzhou"].pk, "mediator": posts["xiuzhou"].pk}).status_code == 404
    assert api_for(resident).get(f"{API}/cases/").json()["results"] == []
    assert api_for(resident).get(f"{API}/cases/{case.pk}/").status_code == 403
    assert Case.objects.get(pk=case.pk).organisation is None


def test_directory_api_and_schema(client, resident, directory, posts, mediation_on):
    rows = api_for(resident).get(f"{API}/organisations/").json()["results"]
    names = {row["name"] for row in rows}
    assert "新嘉街道人民调解委员会" in names and "王店镇人民调解委员会" not in names
    assert APIClient().get(f"{API}/organisations/").status_code == 403
    schema = client.get("/api/schema/", {"format": "json"}).json()
    for path in ["/api/mediation/organisations/", "/api/mediation/cases/",
                 "/api/mediation/cases/{id}/assign/", "/api/mediation/cases/{id}/sessions/",
                 "/api/mediation/cases/{id}/agreement/", "/api/mediation/cases/{id}/failure/",
                 "/api/mediation/sessions/{id}/notes/", "/api/mediation/agreements/{id}/"]:
        assert path in schema["paths"], path
    assert schema["paths"]["/api/mediation/cases/{id}/assign/"]["post"]["tags"] == ["矛盾调解"]
