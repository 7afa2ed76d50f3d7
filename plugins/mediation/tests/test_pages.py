"""Resident directory, report detail panels, the printable agreement and the admin workbench."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from plugins.mediation import services
from plugins.mediation.models import Case, CaseStatus, Session

pytestmark = pytest.mark.django_db
WORK = "/admin/mediation/work/"


def settle(case, staff, directory, posts):
    services.assign(case.pk, directory["town"], posts["town"], actor=staff["mediator"])
    return services.record_agreement(
        case.pk, actor=staff["mediator"], parties="申请人：张美华\n被申请人：李国强",
        facts="装修噪音扰民。", terms="晚十点后不再施工。", signed_on=timezone.localdate(),
        performance_deadline=timezone.localdate() + timedelta(days=7))


def test_directory_lists_the_residents_county_with_a_call_button(client, resident, directory,
                                                                 posts, mediation_on):
    client.force_login(resident)
    page = client.get("/mediation/").content.decode()
    assert "新嘉街道人民调解委员会" in page and "南湖区矛调中心" in page
    assert "嘉兴市物业纠纷人民调解委员会" in page  # city-wide bodies serve every county
    assert "王店镇人民调解委员会" not in page  # another county
    assert 'href="tel:0573-82635016"' in page and "徐卫东" in page
    only = client.get("/mediation/", {"kind": "centre"}).content.decode()
    assert "南湖区矛调中心" in only and "新嘉街道人民调解委员会" not in only


def test_reporter_sees_upcoming_session_but_not_the_notes(client, case, directory, posts, staff,
                                                         later):
    services.assign(case.pk, directory["town"], posts["town"], actor=staff["mediator"])
    start, end = later()
    session = services.schedule_session(case.pk, starts_at=start, ends_at=end,
                                        place="新嘉街道调解室", actor=staff["mediator"])
    services.record_notes(session.pk, "双方同意下次带物业到场。", actor=staff["mediator"])
    client.force_login(case.report.reporter)
    page = client.get(f"/reports/{case.report.pk}/").content.decode()
    assert 'data-testid="mediation-panel"' in page and "新嘉街道人民调解委员会" in page
    assert "即将调解" in page and "新嘉街道调解室" in page
    assert "双方同意下次带物业到场" not in page
    client.force_login(staff["mediator"])
    staff_page = client.get(f"/admin/reports/work/{case.report.pk}/").content.decode()
    assert "双方同意下次带物业到场" in staff_page


def test_agreement_page_for_parties_and_staff_in_scope_only(client, case, directory, posts, staff,
                                                           resident, make_user, grid_tree):
    agreement = settle(case, staff, directory, posts)
    url = f"/mediation/agreements/{agreement.pk}/"
    client.force_login(case.report.reporter)
    page = client.get(url).content.decode()
    assert "人民调解协议书" in page and agreement.number in page and "@media print" not in page
    assert "mediation/mediation.css" in page and "window.print()" in page
    css = (Path(__file__).parents[1] / "static/mediation/mediation.css").read_text()
    assert "@media print" in css
    report_page = client.get(f"/reports/{case.report.pk}/").content.decode()
    assert url in report_page
    client.force_login(staff["mediator"])
    assert client.get(url).status_code == 200
    neighbour = make_user("resident", grid=grid_tree["grid1"], name="陆晓梅")
    for outsider in (neighbour, staff["xiuzhou_mediator"]):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


def test_workbench_assign_schedule_and_agree(client, case, directory, posts, staff, later):
    client.force_login(staff["mediator"])
    page = client.get(f"{WORK}{case.pk}/").content.decode()
    assert 'data-testid="suggestions"' in page and "擅长该类别" in page
    client.post(f"{WORK}{case.pk}/", {"action": "assign", "organisation": directory["town"].pk,
                                      "mediator": posts["town"].pk})
    start, end = later()
    fmt = "%Y-%m-%dT%H:%M"
    response = client.post(f"{WORK}{case.pk}/", {
        "action": "schedule", "starts_at": start.strftime(fmt), "ends_at": end.strftime(fmt),
        "place": "新嘉街道调解室"})
    assert response.status_code == 302 and Session.objects.count() == 1
    clash = client.post(f"{WORK}{case.pk}/", {
        "action": "schedule", "starts_at": start.strftime(fmt), "ends_at": end.strftime(fmt),
        "place": "新嘉街道调解室"}, follow=True).content.decode()
    assert "已有调解安排" in clash and Session.objects.count() == 1
    bad = client.post(f"{WORK}{case.pk}/", {"action": "agreement", "parties": "",
                                            "facts": "x", "terms": "y"}).content.decode()
    assert "请填写当事人。" in bad
    today = timezone.localdate()
    client.post(f"{WORK}{case.pk}/", {
        "action": "agreement", "parties": "申请人：张美华", "facts": "噪音", "terms": "不再施工",
        "signed_on": today.isoformat(),
        "performance_deadline": (today + timedelta(days=3)).isoformat()})
    case.refresh_from_db()
    assert case.status == CaseStatus.AGREED and case.report.status == "resolved"


def test_workbench_is_scoped(client, case, staff):
    client.force_login(staff["xiuzhou_mediator"])
    assert case.report.code not in client.get(WORK).content.decode()
    assert client.get(f"{WORK}{case.pk}/").status_code == 404
    assert client.post(f"{WORK}{case.pk}/", {"action": "failure", "reason": "x"}).status_code == 404
    assert Case.objects.get(pk=case.pk).status == CaseStatus.PENDING


def test_queue_query_count_is_constant(client, to_mediation, staff, directory, posts,
                                       django_assert_max_num_queries):
    client.force_login(staff["mediator"])
    for n in range(2):
        case = Case.objects.get(report=to_mediation(description=f"邻里纠纷第{n}件：噪音扰民"))
        services.assign(case.pk, directory["town"], posts["town"], actor=staff["mediator"])
    client.get(WORK)  # warm caches (plugin snapshot, session)
    with django_assert_max_num_queries(30) as few:
        assert client.get(WORK).status_code == 200
    for n in range(2, 8):
        to_mediation(description=f"邻里纠纷第{n}件：噪音扰民")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(WORK).content.decode()
    assert page.count('data-testid="queue-row"') == 8


def test_cadre_registers_a_mediator_in_scope_only(client, staff, directory, mediation_on):
    county_admin = staff["county_admin"]
    client.force_login(county_admin)
    url = "/admin/mediation/mediators/"
    page = client.get(f"{url}new/").content.decode()
    assert "新嘉街道人民调解委员会" in page and "王店镇人民调解委员会" not in page
    response = client.post(f"{url}new/", {"organisation": directory["town"].pk,
                                          "user": staff["mediator2"].pk, "name": "",
                                          "title": "专职人民调解员", "active": "on"})
    assert response.status_code == 302
    assert directory["town"].mediators.get().name == "钱国强"
    refused = client.post(f"{url}new/", {"organisation": directory["xiuzhou"].pk,
                                         "user": staff["mediator2"].pk, "name": "钱国强"})
    assert refused.status_code == 200 and directory["xiuzhou"].mediators.count() == 0
