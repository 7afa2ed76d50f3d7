"""The Wagtail admin side: every viewset scoped to the staff member's subtree."""

from __future__ import annotations

import pytest
from wagtail.models import Site

from plugins.deliberation.models import Poll, Suggestion
from plugins.deliberation.services import topics as topic_services

pytestmark = pytest.mark.django_db


def test_poll_viewset_is_scoped(client, cadre, other_cadre, make_poll, dlb_on):
    poll = make_poll(title="东栅停车位划线方案")
    client.force_login(other_cadre)
    assert "东栅停车位划线方案" not in client.get("/admin/deliberation/polls/").content.decode()
    assert client.get(f"/admin/deliberation/polls/edit/{poll.pk}/").status_code == 404
    assert client.get(f"/admin/deliberation/polls/{poll.pk}/results/").status_code == 404
    client.force_login(cadre)
    assert "东栅停车位划线方案" in client.get("/admin/deliberation/polls/").content.decode()
    assert client.get(f"/admin/deliberation/polls/edit/{poll.pk}/").status_code == 200


def _poll_post(grid, **extra) -> dict:
    data = {"title": "垃圾分类积分兑换点选址", "description": "", "grid": grid.pk,
            "kind": "single", "max_choices": 1, "opens_at": "2026-12-01 08:00",
            "closes_at": "2026-12-08 20:00", "results_mode": "after_close", "status": "published",
            "choices-TOTAL_FORMS": 2, "choices-INITIAL_FORMS": 0, "choices-MIN_NUM_FORMS": 0,
            "choices-MAX_NUM_FORMS": 1000,
            "choices-0-text": "东栅菜场北侧", "choices-0-ORDER": 1, "choices-0-id": "",
            "choices-0-DELETE": "",
            "choices-1-text": "社区党群服务中心门口", "choices-1-ORDER": 2, "choices-1-id": "",
            "choices-1-DELETE": ""}
    data.update(extra)
    return data


def test_cadre_creates_a_poll_with_choices_in_scope_only(client, cadre, grid_tree, dlb_on):
    client.force_login(cadre)
    page = client.get("/admin/deliberation/polls/new/").content.decode()
    assert "投票结束后公布" in page
    response = client.post("/admin/deliberation/polls/new/", _poll_post(grid_tree["dongzha"]))
    assert response.status_code == 302, response.content.decode()[:2000]
    poll = Poll.objects.get()
    assert [c.text for c in poll.choices.all()] == ["东栅菜场北侧", "社区党群服务中心门口"]
    assert poll.created_by == cadre
    response = client.post("/admin/deliberation/polls/new/",
                           _poll_post(grid_tree["xinxing"], title="越权投票"))
    assert response.status_code == 200 and Poll.objects.count() == 1
    response = client.post("/admin/deliberation/polls/new/", _poll_post(
        grid_tree["dongzha"], title="只有一个选项", **{"choices-1-DELETE": "1"}))
    assert "至少需要两个选项" in response.content.decode() and Poll.objects.count() == 1


def test_results_default_comes_from_the_plugin_settings(client, cadre, dlb_on):
    from core.plugins import state

    state.save_config("deliberation", {"results_default": "live"},
                      site=Site.objects.get(is_default_site=True))
    client.force_login(cadre)
    page = client.get("/admin/deliberation/polls/new/").content.decode()
    assert 'value="live" selected' in page


def test_suggestion_answer_from_the_admin(client, cadre, other_cadre, resident, dlb_on):
    suggestion = topic_services.make_suggestion(resident, "小区东门路灯太暗", "建议加装两盏。")
    client.force_login(other_cadre)
    assert client.get(f"/admin/deliberation/suggestions/edit/{suggestion.pk}/").status_code == 404
    client.force_login(cadre)
    assert "/new/" not in client.get("/admin/deliberation/suggestions/").content.decode()
    response = client.post(f"/admin/deliberation/suggestions/edit/{suggestion.pk}/",
                           {"status": "adopted", "reply": "已纳入路灯改造。"})
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.status == "adopted" and suggestion.points_awarded == 10


def test_compile_view(client, grid_head, resident, neighbour, other_cadre, grid_tree, dlb_on):
    from django.utils import timezone

    from plugins.deliberation.models import IssueList

    today = timezone.localdate()
    issue_list = IssueList.objects.create(title="东栅第一网格问题清单", grid=grid_tree["grid1"],
                                          period_start=today, period_end=today)
    first = topic_services.make_suggestion(resident, "加装电梯", "3幢老人多。")
    second = topic_services.make_suggestion(neighbour, "充电棚", "飞线充电危险。")
    topic_services.support(second.pk, resident)
    client.force_login(grid_head)
    url = f"/admin/deliberation/issue-lists/{issue_list.pk}/compile/"
    page = client.get(url).content.decode()
    assert page.index("充电棚") < page.index("加装电梯")  # ranked by support
    response = client.post(url, {"pick": [first.pk], f"order-{first.pk}": "1",
                                 f"note-{first.pk}": "优先讨论"})
    assert response.status_code == 302
    assert list(issue_list.items.values_list("title", "note")) == [("加装电梯", "优先讨论")]
    client.force_login(other_cadre)
    assert client.get(url).status_code == 404
