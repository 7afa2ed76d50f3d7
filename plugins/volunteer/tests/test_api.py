"""/api/volunteer/: list, detail, sign up, cancel, check in, my hours; documented."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from core.points.services import balance_of
from plugins.volunteer.models import SignUp, SignUpStatus

pytestmark = pytest.mark.django_db

API = "/api/volunteer"


@pytest.fixture
def api(resident, volunteer_on) -> APIClient:
    client = APIClient()
    client.force_authenticate(resident)
    return client


def test_list_and_detail_are_scoped_to_the_region(api, resident, make_activity):
    ours = make_activity("垃圾分类督导")
    theirs = make_activity("新兴社区反诈宣传", grid="xinxing")
    SignUp.objects.create(activity=ours, resident=resident)
    data = api.get(f"{API}/activities/").json()
    assert data["count"] == 1
    [item] = data["results"]
    assert item["title"] == "垃圾分类督导" and item["places_left"] == 2
    assert item["my_status"] == "signed_up" and item["organisation"] == "东栅社区志愿服务站"
    assert api.get(f"{API}/activities/{ours.pk}/").json()["capacity"] == 3
    assert api.get(f"{API}/activities/{theirs.pk}/").status_code == 404
    assert api.get(f"{API}/activities/", {"show": "past"}).json()["count"] == 0


def test_sign_up_duplicate_and_cancel(api, resident, make_activity):
    activity = make_activity()
    response = api.post(f"{API}/activities/{activity.pk}/signup/")
    assert response.status_code == 200
    assert response.json() == {"detail": "报名成功！", "status": "signed_up", "places_left": 2}
    again = api.post(f"{API}/activities/{activity.pk}/signup/")
    assert again.status_code == 400 and again.json()["detail"] == "您已报名该活动，请勿重复报名。"
    cancelled = api.post(f"{API}/activities/{activity.pk}/cancel/")
    assert cancelled.status_code == 200 and cancelled.json()["places_left"] == 3
    assert SignUp.objects.get().status == SignUpStatus.CANCELLED
    assert api.post(f"{API}/activities/{activity.pk}/cancel/").json()["detail"] == "您没有报名该活动。"


def test_check_in_and_my_hours(api, resident, make_activity):
    activity = make_activity(running=True, hours="1.5")
    SignUp.objects.create(activity=activity, resident=resident)
    bad = api.post(f"{API}/activities/{activity.pk}/checkin/", {"code": "12"}, format="json")
    assert bad.status_code == 400 and bad.json()["detail"] == "签到码为6位数字。"
    ok = api.post(f"{API}/activities/{activity.pk}/checkin/", {"code": activity.checkin_code},
                  format="json").json()
    assert ok["already"] is False and ok["points"] == 10 and ok["hours"] == "1.5"
    again = api.post(f"{API}/activities/{activity.pk}/checkin/", {"code": activity.checkin_code},
                     format="json").json()
    assert again["already"] is True and balance_of(resident) == (10, 10)
    hours = api.get(f"{API}/hours/").json()
    assert hours["hours_total"] == "1.5" and hours["activities_count"] == 1
    assert hours["records"][0]["title"] == activity.title and hours["points_total"] == 10


def test_anonymous_gets_403_and_schema_documents_the_routes(client, volunteer_on):
    assert APIClient().get(f"{API}/activities/").status_code == 403
    schema = client.get("/api/schema/", {"format": "json"}).json()
    for path in ["/api/volunteer/activities/", "/api/volunteer/activities/{id}/",
                 "/api/volunteer/activities/{id}/signup/", "/api/volunteer/activities/{id}/cancel/",
                 "/api/volunteer/activities/{id}/checkin/", "/api/volunteer/hours/"]:
        assert path in schema["paths"], path
    components = schema["components"]["schemas"]
    for name in ["VolunteerActivity", "VolunteerSignUpResult", "VolunteerCheckinRequest",
                 "VolunteerHours", "PaginatedVolunteerActivityList"]:
        assert name in components, name
    operation = schema["paths"]["/api/volunteer/activities/{id}/checkin/"]["post"]
    assert operation["operationId"] == "volunteer_activity_checkin"
    assert operation["tags"] == ["志愿服务"]
