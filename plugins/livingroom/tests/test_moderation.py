"""Moderators: queue, bulk actions, edit keeping the original, bans (time-limited, logged)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from plugins.livingroom import moderation, services
from plugins.livingroom.models import Ban, Comment, Flag, Post, Status

pytestmark = pytest.mark.usefixtures("livingroom_on")


@pytest.fixture
def queue_items(resident, neighbours, make_post, dictionary):
    held = make_post(title="婴儿车转让", body="有意加微信")
    flagged = make_post(title="楼上装修太吵", body="天天打电钻")
    for neighbour in neighbours[:3]:
        services.flag(neighbour, flagged, reason="rumour")
    comment = services.add_comment(neighbours[0], flagged, "便宜充电卡加微信").obj
    quiet = make_post(title="谢谢保安师傅", body="帮我把快递搬上楼")
    return {"held": held, "flagged": flagged, "comment": comment, "quiet": quiet}


def test_queue_lists_held_and_flagged_most_flagged_first(cadre, queue_items):
    posts, comments = moderation.queue(cadre)
    assert [p.pk for p in posts] == [queue_items["flagged"].pk, queue_items["held"].pk]
    assert [c.pk for c in comments] == [queue_items["comment"].pk]


def test_queue_is_scoped(other_cadre, resident, queue_items):
    assert moderation.queue(other_cadre) == ([], [])
    assert moderation.queue(resident) == ([], [])
    with pytest.raises(services.LivingroomError):
        moderation.approve(other_cadre, Post, queue_items["held"].pk)


def test_bulk_approve_restores_and_resolves_flags(client, cadre, queue_items):
    client.force_login(cadre)
    response = client.post(reverse("livingroom_moderation:index"), {
        "action": "approve", "post": [queue_items["held"].pk, queue_items["flagged"].pk],
        "comment": [queue_items["comment"].pk]})
    assert response.status_code == 302
    for key in ("held", "flagged"):
        queue_items[key].refresh_from_db()
        assert queue_items[key].status == Status.PUBLISHED and queue_items[key].flag_count == 0
    assert not Flag.objects.filter(resolved_at__isnull=True).exists()
    flagged = Post.objects.get(pk=queue_items["flagged"].pk)
    assert flagged.comment_count == 1
    assert ModelLogEntry.objects.filter(action="livingroom.approved").count() == 3
    assert moderation.queue(cadre) == ([], [])


def test_bulk_hide_and_delete(cadre, queue_items):
    moderation.bulk(cadre, "hide", [queue_items["quiet"].pk], [])
    queue_items["quiet"].refresh_from_db()
    assert queue_items["quiet"].status == Status.HIDDEN
    moderation.bulk(cadre, "delete", [queue_items["flagged"].pk], [queue_items["comment"].pk])
    assert not Post.objects.filter(pk=queue_items["flagged"].pk).exists()
    assert not Comment.objects.exists()
    deleted = ModelLogEntry.objects.filter(action="livingroom.deleted")
    assert deleted.count() == 1 and deleted.get().data["title"] == "楼上装修太吵"


def test_bulk_is_all_or_nothing(cadre, other_cadre, queue_items, make_post, make_user, grid_tree):
    stranger = make_user("resident", grid=grid_tree["xgrid"])
    elsewhere = make_post(title="新兴社区停车", body="车位不够", author=stranger,
                          community="xinxing")
    with pytest.raises(services.LivingroomError):
        moderation.bulk(cadre, "hide", [queue_items["quiet"].pk, elsewhere.pk], [])
    queue_items["quiet"].refresh_from_db()
    assert queue_items["quiet"].status == Status.PUBLISHED


def test_moderator_edit_keeps_the_original(client, cadre, resident, queue_items):
    post = queue_items["held"]
    client.force_login(cadre)
    client.post(reverse("livingroom_moderation:post", args=[post.pk]), {
        "action": "edit", "title": "婴儿车转让", "body": "九成新婴儿车转让，请到社区服务站登记联系。"})
    moderation.edit(cadre, Post, post.pk, title="婴儿车转让（二改）", body="第二次修改")
    post.refresh_from_db()
    assert post.original_body == "有意加微信" and post.original_title == "婴儿车转让"
    assert post.body == "第二次修改" and post.edited_by == cadre
    assert ModelLogEntry.objects.filter(action="livingroom.edited").count() == 2
    page = client.get(reverse("livingroom_moderation:post", args=[post.pk])).content.decode()
    assert "有意加微信" in page  # moderators see the original
    moderation.approve(cadre, Post, post.pk)
    client.force_login(resident)
    page = client.get(post.get_absolute_url()).content.decode()
    assert "已由管理员编辑" in page and "有意加微信" not in page


def test_ban_is_time_limited_logged_and_blocks_writing(client, cadre, resident, make_post):
    post = make_post()
    client.force_login(cadre)
    client.post(reverse("livingroom_moderation:post", args=[post.pk]), {
        "action": "ban", "days": "7", "reason": "多次发布广告"})
    ban = Ban.objects.get()
    assert ban.ends_at - ban.starts_at == timedelta(days=7) and ban.created_by == cadre
    entry = ModelLogEntry.objects.get(action="livingroom.banned")
    assert entry.data["days"] == 7 and entry.user_id == cadre.pk
    with pytest.raises(services.LivingroomError) as refused:
        services.create_post(resident, post.community, title="又来了", body="内容")
    end = timezone.localtime(ban.ends_at).strftime("%Y年%m月%d日")
    assert end in refused.value.messages[0] and "多次发布广告" in refused.value.messages[0]
    client.force_login(resident)
    page = client.get(reverse("livingroom:compose")).content.decode()
    assert "您已被禁言至" in page


def test_ban_expires_by_itself(resident, cadre, make_post):
    post = make_post()
    ban = moderation.ban(cadre, resident, days=1, reason="言语冲突")
    Ban.objects.filter(pk=ban.pk).update(starts_at=timezone.now() - timedelta(days=1, minutes=1),
                                         ends_at=timezone.now() - timedelta(minutes=1))
    assert services.active_ban(resident) is None
    services.add_comment(resident, post, "我会注意言辞。")


def test_ban_rules(cadre, other_cadre, resident, make_post):
    with pytest.raises(services.LivingroomError, match="1 天、7 天或 30 天"):
        moderation.ban(cadre, resident, days=3, reason="x")
    with pytest.raises(services.LivingroomError, match="不在您管理的社区"):
        moderation.ban(other_cadre, resident, days=1, reason="x")
    moderation.ban(cadre, resident, days=30, reason="散布谣言")
    with pytest.raises(services.LivingroomError, match="正在禁言中"):
        moderation.ban(cadre, resident, days=1, reason="x")


def test_lift_ban_is_logged_and_scoped(cadre, other_cadre, resident):
    ban = moderation.ban(cadre, resident, days=7, reason="广告")
    with pytest.raises(services.LivingroomError):
        moderation.lift(other_cadre, ban.pk)
    moderation.lift(cadre, ban.pk)
    assert services.active_ban(resident) is None
    assert ModelLogEntry.objects.filter(action="livingroom.unbanned").exists()


def test_admin_pages_are_scoped(client, cadre, other_cadre, resident, queue_items):
    client.force_login(other_cadre)
    page = client.get(reverse("livingroom_moderation:index")).content.decode()
    assert "婴儿车转让" not in page
    assert client.get(reverse("livingroom_moderation:post",
                              args=[queue_items["held"].pk])).status_code == 404
    client.force_login(cadre)
    page = client.get(reverse("livingroom_moderation:index")).content.decode()
    assert "婴儿车转让" in page and "楼上装修太吵" in page
    client.force_login(resident)
    assert client.get(reverse("livingroom_moderation:index")).status_code in (302, 403)


def test_all_posts_listing_and_bans_page(client, cadre, resident, queue_items):
    moderation.ban(cadre, resident, days=1, reason="刷屏")
    client.force_login(cadre)
    page = client.get(reverse("livingroom_moderation:index"), {"show": "all"}).content.decode()
    assert "谢谢保安师傅" in page
    page = client.get(reverse("livingroom_moderation:bans")).content.decode()
    assert "刷屏" in page and "禁言中" in page


def test_flag_threshold_is_set_on_the_plugin_admin_page(client, admin_user, resident):
    from core.plugins.host import host
    from core.plugins.models import PluginState

    client.force_login(admin_user)
    url = reverse("plugins_admin:detail", args=["livingroom"])
    assert "自动隐藏举报数" in client.get(url).content.decode()
    client.post(url, {"action": "settings", "settings-flag_threshold": "5",
                      "settings-per_page": "20"})
    row = PluginState.objects.get(slug="livingroom", grid=None)
    assert row.config == {"flag_threshold": 5, "per_page": 20}
    host.forget_snapshot()


def test_health_check_warns_about_an_empty_dictionary(db):
    from plugins.livingroom.hooks import health_checks

    assert health_checks() == ["敏感词库为空：帖子和评论不会经过敏感词过滤（设置 > 敏感词库）。"]
