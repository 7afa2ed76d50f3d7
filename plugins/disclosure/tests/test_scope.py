"""A cadre of 东栅社区 can do nothing to 新兴社区's postings: every path is checked."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from core.identity.roles import GROUP_NAMES
from plugins.disclosure.models import PostingPage, Question

from .admin_helpers import add_url, posting_data

pytestmark = pytest.mark.django_db

REFUSED = "的发布范围不在您负责的区域内，不能执行此操作。"
NO_PERMISSION = "权限"  # Wagtail's "抱歉，你没有权限访问这个区域。"




@pytest.fixture
def cadres_may_delete(enabled):
    """Deleting (and so moving) needs delete_page, which publishers don't hold by default."""
    group = Group.objects.get(name=GROUP_NAMES["cadre"])
    GroupPagePermission.objects.get_or_create(
        group=group, page=enabled,
        permission=Permission.objects.get(content_type__app_label="wagtailcore",
                                          codename="delete_page"))


@pytest.fixture
def postings(enabled, make_posting, grid_tree):
    return {"own": make_posting(grid_tree["dongzha"], title="东栅社区财务公开"),
            "other": make_posting(grid_tree["xinxing"], title="新兴社区财务公开")}


def _intact(posting: PostingPage) -> None:
    fresh = PostingPage.objects.get(pk=posting.pk)
    assert fresh.live and fresh.title == posting.title
    assert fresh.get_parent().pk == posting.get_parent().pk


def test_cannot_create_for_another_village(client, enabled, dongzha_cadre, grid_tree):
    client.force_login(dongzha_cadre)
    response = client.post(add_url(enabled), posting_data(grid_tree["xinxing"]))
    assert "所选网格不在您负责的“东栅社区”范围内。" in response.content.decode()
    assert not PostingPage.objects.exists()


@pytest.mark.parametrize("action", ["action-publish", "action-save-draft"])
def test_cannot_edit_or_publish_another_villages_posting(client, dongzha_cadre, grid_tree,
                                                         postings, action):
    other = postings["other"]
    client.force_login(dongzha_cadre)
    data = posting_data(grid_tree["dongzha"], page=other, title="改到东栅", note="更正",
                        action=action)
    response = client.post(f"/admin/pages/{other.pk}/edit/", data, follow=True)
    assert NO_PERMISSION in response.content.decode()
    _intact(other)
    assert other.revisions.count() == 1


@pytest.mark.parametrize("action", ["unpublish", "delete", "copy"])
def test_cannot_unpublish_delete_or_copy_another_villages_posting(
        client, dongzha_cadre, postings, cadres_may_delete, action):
    client.force_login(dongzha_cadre)
    assert not postings["other"].permissions_for_user(dongzha_cadre).can_delete()
    assert postings["own"].permissions_for_user(dongzha_cadre).can_delete()
    response = client.post(f"/admin/pages/{postings['other'].pk}/{action}/", follow=True)
    assert NO_PERMISSION in response.content.decode()
    _intact(postings["other"])
    assert PostingPage.objects.count() == 2
    if action != "copy":  # the same action on the own village's posting goes through
        client.post(f"/admin/pages/{postings['own'].pk}/{action}/")
        assert not PostingPage.objects.filter(pk=postings["own"].pk, live=True).exists()


def test_cannot_move_another_villages_posting(client, dongzha_cadre, postings, enabled,
                                              cadres_may_delete):
    client.force_login(dongzha_cadre)
    response = client.post(f"/admin/pages/{postings['other'].pk}/move/{enabled.pk}/confirm/",
                           follow=True)
    assert "“新兴社区财务公开”" + REFUSED in response.content.decode()
    _intact(postings["other"])
    # The permission tester refuses it too, for paths that skip the hook (bulk move).
    assert not postings["other"].permissions_for_user(dongzha_cadre).can_move_to(enabled)
    assert postings["own"].permissions_for_user(dongzha_cadre).can_move_to(enabled)


@pytest.mark.parametrize("action", ["publish", "unpublish", "delete", "move"])
def test_bulk_actions_refuse_another_villages_posting(client, dongzha_cadre, postings,
                                                      cadres_may_delete, action):
    other, own = postings["other"], postings["own"]
    if action == "publish":  # a pending draft that the bulk action would publish
        draft = PostingPage.objects.get(pk=other.pk)
        draft.title, draft.correction_note = "新兴社区财务公开（草稿）", "标题更正"
        draft.save_revision()
    client.force_login(dongzha_cadre)
    url = f"/admin/bulk/wagtailcore/page/{action}/?id={own.pk}&id={other.pk}&next=/admin/"
    confirm = client.get(url).content.decode()
    # Wagtail lists the other village's posting among those the user has no access to.
    assert confirm.index("新兴社区财务公开") > confirm.index("权限")
    client.post(url, {"include_descendants": ""})
    _intact(other)
    if action in ("unpublish", "delete"):  # the own village's posting went through
        assert not PostingPage.objects.filter(pk=own.pk, live=True).exists()


def test_questions_admin_and_api_are_scoped(client, dongzha_cadre, postings, make_user,
                                            grid_tree):
    asker = make_user("resident", grid=grid_tree["xgrid"])
    question = Question.objects.create(posting=postings["other"], asker=asker,
                                       text="新兴社区的保洁费为什么涨了？")
    client.force_login(dongzha_cadre)
    listing = client.get("/admin/disclosure/questions/")
    assert listing.status_code == 200
    assert "新兴社区的保洁费" not in listing.content.decode()
    assert client.get(f"/admin/disclosure/questions/edit/{question.pk}/").status_code == 404
    response = client.post(f"/admin/disclosure/questions/edit/{question.pk}/",
                           {"answer": "越权答复", "status": "answered"})
    assert response.status_code == 404
    api = client.post(f"/api/disclosure/questions/{question.pk}/answer/",
                      {"answer": "越权答复"}, content_type="application/json")
    assert api.status_code == 404
    assert client.get("/api/disclosure/questions/").json()["count"] == 0
    question.refresh_from_db()
    assert question.answer == "" and question.status == "open"


def test_staff_read_only_the_villages_they_answer_for(client, dongzha_cadre, postings):
    client.force_login(dongzha_cadre)
    titles = [p["title"] for p in client.get("/api/disclosure/postings/").json()["results"]]
    assert titles == ["东栅社区财务公开"]
    assert client.get(f"/api/disclosure/postings/{postings['other'].pk}/").status_code == 404
    assert client.get(postings["other"].url).status_code == 404
