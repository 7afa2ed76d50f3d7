"""The module page and API answer while enabled and 404 while disabled."""

import pytest

pytestmark = pytest.mark.django_db


def test_module_page_answers_when_enabled(client, psych_on):
    response = client.get("/psych/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "嘉心在线" in html and "PHQ-9" in html and "12356" in html


def test_scales_ask_visitors_to_log_in(client, psych_on):
    response = client.get("/psych/scale/phq9/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_pages_and_api_404_when_disabled(client, resident, appointment, set_plugin, home_page):
    set_plugin("psych", False)
    client.force_login(resident)
    for url in ["/psych/", "/psych/scale/phq9/", "/psych/mine/", "/psych/questions/",
                f"/psych/appointments/{appointment.pk}/", "/api/psych/scales/",
                "/api/psych/appointments/", f"/api/psych/appointments/{appointment.pk}/messages/"]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/psych/slots/{appointment.slot_id}/book/").status_code == 404
