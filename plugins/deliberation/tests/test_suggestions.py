"""提出建议, 附议 once, the ranked issue list, answers with notification and points."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.notifications.models import Notification
from core.points.services import balance_of
from plugins.deliberation.models import IssueList, Suggestion, SuggestionStatus, Support
from plugins.deliberation.services import DeliberationError, issues
from plugins.deliberation.services import topics as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggestion(resident, dlb_on):
    return services.make_suggestion(resident, "垃圾分类积分兑换点选址", "建议设在东栅菜场北侧空地，方便老人。")


@pytest.fixture
def issue_list(grid_tree):
    today = timezone.localdate()
    # The grid head of 东栅第一网格 compiles the list for their grid.
    return IssueList.objects.create(title="东栅第一网格11月问题清单", grid=grid_tree["grid1"],
                                    period_start=today - timedelta(days=30), period_end=today)


def test_support_once(suggestion, neighbour):
    services.support(suggestion.pk, neighbour)
    with pytest.raises(DeliberationError, match="已附议过"):
        services.support(suggestion.pk, neighbour)
    assert Support.objects.filter(suggestion=suggestion).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(suggestion=suggestion, supporter=neighbour)


def test_support_refusals(suggestion, resident, outsider, make_user, grid_tree):
    with pytest.raises(DeliberationError, match="不能附议自己"):
        services.support(suggestion.pk, resident)
    with pytest.raises(DeliberationError, match="本区域"):
        services.support(suggestion.pk, outsider)
    unverified = make_user("resident", grid=grid_tree["grid1"], verified=False)
    with pytest.raises(DeliberationError, match="实名认证"):
        services.support(suggestion.pk, unverified)
    assert not Support.objects.exists()


def test_neighbour_in_another_grid_of_the_community_may_support(suggestion, make_user, grid_tree):
    # Same 东栅社区, a different grid node than the author's micro-grid.
    services.support(suggestion.pk, make_user("resident", grid=grid_tree["grid1"]))
    assert Support.objects.count() == 1


def test_suggestion_needs_title_body_and_verification(resident, make_user, grid_tree, dlb_on):
    with pytest.raises(DeliberationError, match="请填写"):
        services.make_suggestion(resident, " ", "内容")
    with pytest.raises(DeliberationError, match="实名认证"):
        services.make_suggestion(make_user("resident", grid=grid_tree["micro"], verified=False),
                                 "标题", "内容")
    assert not Suggestion.objects.exists()


def test_issue_list_ranks_by_support_and_keeps_order_and_notes(resident, neighbour, make_user,
                                                               grid_tree, grid_head, issue_list,
                                                               outsider, dlb_on):
    lights = services.make_suggestion(resident, "村道路灯改造", "东栅路北段路灯不亮。")
    lift = services.make_suggestion(neighbour, "老旧小区加装电梯", "3幢老人多，上下楼难。")
    parking = services.make_suggestion(resident, "停车位划线", "晚上车停得乱。")
    elsewhere = services.make_suggestion(outsider, "新兴社区的事", "不在东栅。")
    supporters = [make_user("resident", grid=grid_tree["micro"]) for _ in range(3)]
    for person in supporters:
        services.support(lift.pk, person)
    for person in supporters[:2]:
        services.support(parking.pk, person)
    ranked = list(issues.candidates(issue_list))
    assert [s.title for s in ranked] == ["老旧小区加装电梯", "停车位划线", "村道路灯改造"]
    assert elsewhere not in ranked
    # Put the lights first anyway, with a note; leave parking out.
    items = issues.compile_list(issue_list.pk, grid_head, [
        issues.Entry(lift.pk, 2), issues.Entry(lights.pk, 1, "入冬前必须解决")])
    assert [(i.title, i.supports, i.note) for i in items] == [
        ("村道路灯改造", 0, "入冬前必须解决"), ("老旧小区加装电梯", 3, "")]
    # Recompiling replaces the selection, all or nothing.
    with pytest.raises(DeliberationError, match="不在本清单的区域"):
        issues.compile_list(issue_list.pk, grid_head, [issues.Entry(parking.pk, 1),
                                                       issues.Entry(elsewhere.pk, 2)])
    assert issue_list.items.count() == 2


def test_issue_list_is_scoped_to_the_compiler(issue_list, suggestion, other_cadre):
    with pytest.raises(DeliberationError, match="不在您的管理范围"):
        issues.compile_list(issue_list.pk, other_cadre, [issues.Entry(suggestion.pk, 1)])
    assert not issue_list.items.exists()


def test_adoption_notifies_and_awards_points_once(suggestion, resident, cadre):
    issues.respond(suggestion.pk, cadre, SuggestionStatus.ADOPTED, "已纳入年度民生实事。")
    issues.respond(suggestion.pk, cadre, SuggestionStatus.ADOPTED, "补充：12月开工。")
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ADOPTED and suggestion.points_awarded == 10
    assert balance_of(resident) == (10, 10)
    notes = Notification.objects.filter(recipient=resident, source="deliberation")
    assert notes.count() == 2 and "已采纳" in notes.first().body
    with pytest.raises(DeliberationError, match="不能改为其他结果"):
        issues.respond(suggestion.pk, cadre, SuggestionStatus.DECLINED, "改主意了")


def test_declined_and_out_of_scope_answers(suggestion, resident, cadre, other_cadre):
    with pytest.raises(DeliberationError, match="不在您的管理范围"):
        issues.respond(suggestion.pk, other_cadre, SuggestionStatus.ADOPTED, "越权")
    with pytest.raises(DeliberationError, match="请填写给居民的答复"):
        issues.respond(suggestion.pk, cadre, SuggestionStatus.DECLINED, "")
    issues.respond(suggestion.pk, cadre, SuggestionStatus.DECLINED, "该空地已规划为消防通道。")
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DECLINED and balance_of(resident) == (0, 0)


def test_pages_and_api(client, suggestion, neighbour, outsider):
    client.force_login(neighbour)
    page = client.get("/deliberation/suggestions/").content.decode()
    assert "垃圾分类积分兑换点选址" in page
    response = client.post(f"/deliberation/suggestions/{suggestion.pk}/support/", follow=True)
    assert "已附议" in response.content.decode()
    response = client.post(f"/api/deliberation/suggestions/{suggestion.pk}/support/")
    assert response.status_code == 400 and "已附议过" in response.json()["detail"]
    data = client.get("/api/deliberation/suggestions/").json()["results"]
    assert data[0]["supports"] == 1 and data[0]["author"] == "张**"
    response = client.post("/deliberation/suggestions/new/", {"title": "", "body": ""})
    assert "请填写建议标题" in response.content.decode()
    response = client.post("/api/deliberation/suggestions/",
                           {"title": "停车位划线", "body": "建议在东栅路18号画线。"},
                           content_type="application/json")
    assert response.status_code == 201
    client.force_login(outsider)
    assert client.get(f"/deliberation/suggestions/{suggestion.pk}/").status_code == 404
    assert "垃圾分类" not in client.get("/deliberation/suggestions/").content.decode()


def test_staff_api_scoping(client, suggestion, issue_list, cadre, other_cadre, resident):
    client.force_login(other_cadre)
    assert client.get("/api/deliberation/issue-lists/").json()["results"] == []
    response = client.post(f"/api/deliberation/issue-lists/{issue_list.pk}/compile/",
                           {"items": [{"suggestion": suggestion.pk, "order": 1}]},
                           content_type="application/json")
    assert response.status_code == 400 and "管理范围" in response.json()["detail"]
    response = client.post(f"/api/deliberation/suggestions/{suggestion.pk}/respond/",
                           {"status": "adopted", "reply": "越权"}, content_type="application/json")
    assert response.status_code == 400
    client.force_login(resident)
    response = client.post(f"/api/deliberation/suggestions/{suggestion.pk}/respond/",
                           {"status": "adopted", "reply": "居民不能答复"},
                           content_type="application/json")
    assert response.status_code == 403
    client.force_login(cadre)
    response = client.post(f"/api/deliberation/issue-lists/{issue_list.pk}/compile/",
                           {"items": [{"suggestion": suggestion.pk, "order": 1, "note": "优先"}]},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["items"][0]["note"] == "优先"
    assert [row["id"] for row in client.get("/api/deliberation/issue-lists/").json()["results"]] == [
        issue_list.pk]
