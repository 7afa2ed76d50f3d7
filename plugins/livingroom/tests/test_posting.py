"""Posting and commenting: screening (block keeps the text, hold saves as 待审核), who may write."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plugins.livingroom import services
from plugins.livingroom.models import Comment, Post, Status

pytestmark = pytest.mark.usefixtures("livingroom_on")


def test_resident_posts_in_own_community(client, resident):
    client.force_login(resident)
    response = client.post(reverse("livingroom:compose"), {
        "title": "小区东门停车难", "body": "晚上七点以后东门一个车位都没有，能不能划些临时车位？"})
    post = Post.objects.get()
    assert response.status_code == 302 and response.url == post.get_absolute_url()
    assert post.status == Status.PUBLISHED and post.community.name == "东栅社区"
    page = client.get(reverse("livingroom:index")).content.decode()
    assert "小区东门停车难" in page


def test_blocked_post_is_refused_and_the_text_stays_in_the_form(client, resident, dictionary):
    client.force_login(resident)
    response = client.post(reverse("livingroom:compose"), {
        "title": "正规代开 发票", "body": "各类发票都能开，价格优惠"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "内容含有不当用语“代开发票”，请修改后再发布。" in page
    assert "正规代开 发票" in page and "各类发票都能开，价格优惠" in page  # nothing lost
    assert not Post.objects.exists()


def test_held_post_is_saved_pending_and_visible_only_to_its_author(
        client, resident, neighbours, cadre, dictionary):
    client.force_login(resident)
    response = client.post(reverse("livingroom:compose"), {
        "title": "闲置婴儿车转让", "body": "九成新，有意的加微信聊"}, follow=True)
    post = Post.objects.get()
    assert post.status == Status.HELD and post.hold_words == "加微信"
    page = response.content.decode()
    assert "已提交，待管理员审核后显示。" in page and "待审核" in page
    assert "闲置婴儿车转让" in client.get(reverse("livingroom:mine")).content.decode()
    client.force_login(neighbours[0])
    assert "闲置婴儿车转让" not in client.get(reverse("livingroom:index")).content.decode()
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(cadre)
    assert client.get(post.get_absolute_url()).status_code == 200


def test_blocked_comment_keeps_the_text(client, resident, neighbours, make_post, dictionary):
    post = make_post()
    client.force_login(neighbours[0])
    response = client.post(reverse("livingroom:comment", args=[post.pk]), {"body": "我这能代开发票"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "内容含有不当用语“代开发票”" in page and "我这能代开发票" in page
    assert not Comment.objects.exists()


def test_held_comment_does_not_count_until_approved(resident, neighbours, make_post, dictionary):
    post = make_post()
    outcome = services.add_comment(neighbours[0], post, "便宜充电卡，加微信")
    assert outcome.obj.status == Status.HELD and outcome.verdict.held
    post.refresh_from_db()
    assert post.comment_count == 0


def test_official_answers_are_marked_and_pinned(client, resident, neighbours, cadre, make_post):
    post = make_post()
    services.add_comment(neighbours[0], post, "我也遇到了，充不上电")
    services.add_comment(cadre, post, "已联系物业和供电所，本周五前修复。")
    services.add_comment(neighbours[1], post, "谢谢社区！")
    comments = list(services.comments_for(resident, post))
    assert [c.is_official for c in comments] == [True, False, False]
    client.force_login(resident)
    page = client.get(post.get_absolute_url()).content.decode()
    assert page.index("官方回复") < page.index("我也遇到了")
    assert "朱丽萍（社区工作人员）" in page
    assert "王*国" in page and "王建国" not in page  # residents' names masked
    post.refresh_from_db()
    assert post.comment_count == 3


def test_staff_of_another_community_is_not_official_and_cannot_comment(
        resident, other_cadre, make_post):
    post = make_post()
    with pytest.raises(services.LivingroomError):
        services.add_comment(other_cadre, post, "我来回复一下")


def test_outsider_can_neither_read_nor_post(client, outsider, make_post, grid_tree):
    post = make_post()
    client.force_login(outsider)
    assert client.get(post.get_absolute_url()).status_code == 404
    assert "东门电动车充电桩坏了" not in client.get(reverse("livingroom:index")).content.decode()
    with pytest.raises(services.LivingroomError, match="只能在您居住的社区会客厅发言"):
        services.create_post(outsider, grid_tree["dongzha"], title="标题", body="内容")


def test_unverified_resident_cannot_post(make_user, grid_tree):
    person = make_user("resident", grid=grid_tree["micro"], verified=False)
    with pytest.raises(services.LivingroomError, match="实名认证"):
        services.create_post(person, grid_tree["dongzha"], title="标题", body="内容")


def test_image_is_reencoded_without_exif(client, resident):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "Phone Maker"  # Make
    buffer = BytesIO()
    Image.new("RGB", (64, 48), "green").save(buffer, "JPEG", exif=exif)
    client.force_login(resident)
    client.post(reverse("livingroom:compose"), {
        "title": "小区绿化带被踩坏", "body": "3号楼前的草坪被踩出一条路",
        "images": [SimpleUploadedFile("IMG_0001.jpg", buffer.getvalue(), "image/jpeg")]})
    image = Post.objects.get().images.get()
    assert "IMG_0001" not in image.image.name
    with Image.open(image.image.path) as saved:
        assert not saved.getexif()
    image.image.delete(save=False)


def test_non_image_upload_is_refused_and_text_kept(client, resident):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(resident)
    response = client.post(reverse("livingroom:compose"), {
        "title": "失物招领", "body": "在广场捡到一串钥匙",
        "images": [SimpleUploadedFile("keys.jpg", b"not an image", "image/jpeg")]})
    page = response.content.decode()
    assert "不是有效的图片" in page and "在广场捡到一串钥匙" in page
    assert not Post.objects.exists()
