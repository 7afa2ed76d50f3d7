"""The resident's pages: module page, topics with threaded opinions, 我的, search, home tile."""

from __future__ import annotations

import pytest

from core.plugins.host import host
from plugins.deliberation.models import Opinion, Topic
from plugins.deliberation.services import DeliberationError
from plugins.deliberation.services import polls as poll_services
from plugins.deliberation.services import topics as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(grid_tree, cadre):
    return Topic.objects.create(title="老旧小区加装电梯意见征集", grid=grid_tree["dongzha"],
                                body="东栅路18号小区拟加装电梯，请发表意见。", created_by=cadre)


def test_module_page_shows_the_region(client, resident, make_poll, topic, dlb_on):
    make_poll(title="垃圾分类积分兑换点选址")
    make_poll(title="新兴社区的投票", grid="xinxing")
    services.make_suggestion(resident, "增设充电棚", "楼道飞线充电危险。")
    client.force_login(resident)
    page = client.get("/deliberation/").content.decode()
    assert "垃圾分类积分兑换点选址" in page and "新兴社区的投票" not in page
    assert "老旧小区加装电梯意见征集" in page and "增设充电棚" in page


def test_opinions_thread_one_level_deep(client, topic, resident, neighbour, outsider, dlb_on):
    first = services.add_opinion(topic.pk, resident, "支持加装，五楼老人太难了。")
    reply = services.add_opinion(topic.pk, neighbour, "同意。", parent_id=first.pk)
    deeper = services.add_opinion(topic.pk, resident, "谢谢支持。", parent_id=reply.pk)
    assert reply.parent == first and deeper.parent == first
    with pytest.raises(DeliberationError, match="仅限东栅社区"):
        services.add_opinion(topic.pk, outsider, "我也说两句")
    with pytest.raises(DeliberationError, match="请填写"):
        services.add_opinion(topic.pk, resident, "   ")
    client.force_login(neighbour)
    response = client.post(f"/deliberation/topics/{topic.pk}/", {"body": "施工请避开午休。"},
                           follow=True)
    page = response.content.decode()
    assert "意见已发表" in page and page.count('data-testid="reply"') == 2
    assert "张**" in page and "张小红" not in page  # names masked
    Opinion.objects.filter(body="同意。").update(hidden=True)
    assert "同意。" not in client.get(f"/deliberation/topics/{topic.pk}/").content.decode()
    data = client.get(f"/api/deliberation/topics/{topic.pk}/").json()
    assert [o["body"] for o in data["opinion_list"]] == ["支持加装，五楼老人太难了。", "施工请避开午休。"]
    client.force_login(outsider)
    assert client.get(f"/deliberation/topics/{topic.pk}/").status_code == 404


def test_closed_topic_takes_no_opinions(topic, resident):
    topic.status = "closed"
    topic.save()
    with pytest.raises(DeliberationError, match="已结束"):
        services.add_opinion(topic.pk, resident, "晚了吗")


def test_mine_lists_my_ballots_and_suggestions(client, resident, make_poll, dlb_on):
    poll = make_poll()
    poll_services.vote(poll.pk, resident, [poll.choices.first().pk])
    services.make_suggestion(resident, "垃圾投放点延长开放", "早上六点半开放。")
    client.force_login(resident)
    page = client.get("/deliberation/mine/").content.decode()
    assert "停车位划线方案" in page and "垃圾投放点延长开放" in page and "+2 积分" in page


def test_search_home_panel_and_user_center(client, rf, resident, outsider, make_poll, topic,
                                           dlb_on):
    make_poll(title="停车位划线方案")
    request = rf.get("/")
    request.user = resident
    hits = dict(host.call_one("deliberation", "search", request=request, query="电梯",
                              terms=["电梯"]))["deliberation"]
    assert [h.title for h in hits] == ["老旧小区加装电梯意见征集"]
    request.user = outsider
    assert dict(host.call_one("deliberation", "search", request=request, query="电梯",
                              terms=["电梯"]))["deliberation"] == []
    client.force_login(resident)
    home = client.get("/").content.decode()
    assert "deliberation-panel" in home and "停车位划线方案" in home
    assert "我的投票/建议" in client.get("/me/").content.decode()
