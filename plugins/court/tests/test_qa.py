"""法治互动: who answers, moderation before publication, scope of reviewers, FAQ and search."""

from __future__ import annotations

import pytest

from core.notifications.models import Notification
from plugins.court import faq, services
from plugins.court.models import Answer, Question

pytestmark = pytest.mark.django_db

ANSWER = "双方未办理结婚登记的，给付彩礼一方请求返还，人民法院一般应予支持。"


@pytest.fixture
def question(resident, court_on) -> Question:
    return faq.ask(resident, title="订婚后分手，彩礼能要回来吗？", category="marriage",
                   body="去年订婚给了女方彩礼十八万八，现在分手了，没有领结婚证。", anonymous=True)


def test_a_judge_answers_and_the_asker_is_notified(question, judge, resident):
    answer = faq.answer(question.pk, judge.user, ANSWER)
    assert answer.author_label == "南湖区人民法院 · 东栅人民法庭 法官"
    note = Notification.objects.get(recipient=resident, title="您的法律提问有了解答")
    assert note.url == f"/court/qa/{question.pk}/"


def test_a_lawyer_badge_answers_a_plain_resident_cannot(question, lawyer, make_user, grid_tree):
    assert faq.answer(question.pk, lawyer, ANSWER).author_label == "律师"
    neighbour = make_user("resident", grid=grid_tree["micro"])
    with pytest.raises(services.CourtError, match="法律工作者"):
        faq.answer(question.pk, neighbour, ANSWER)
    # The badge list is a setting: without 律师 in it, the lawyer may no longer answer.
    with pytest.raises(services.CourtError):
        faq.answer(question.pk, lawyer, ANSWER, config={"answer_badges": "法官"})
    assert Answer.objects.count() == 1


def test_bad_questions_and_answers_are_refused(resident, judge, question, court_on):
    with pytest.raises(services.CourtError, match="请填写标题"):
        faq.ask(resident, title=" ", body="内容", category="other")
    with pytest.raises(services.CourtError, match="问题类别"):
        faq.ask(resident, title="标题", body="内容", category="nope")
    with pytest.raises(services.CourtError, match="不少于10个字"):
        faq.answer(question.pk, judge.user, "可以。")
    assert Question.objects.count() == 1 and not Answer.objects.exists()


def test_an_answer_is_private_until_published(client, question, judge, resident, reviewer,
                                              make_user, grid_tree):
    answer = faq.answer(question.pk, judge.user, ANSWER)
    stranger = make_user("resident", grid=grid_tree["xgrid"])
    client.force_login(stranger)
    assert client.get(f"/court/qa/{question.pk}/").status_code == 404
    assert question.title not in client.get("/court/qa/").content.decode()
    client.force_login(resident)  # the asker sees the answer at once, marked 待审核公开
    page = client.get(f"/court/qa/{question.pk}/").content.decode()
    assert ANSWER in page and "待审核公开" in page

    faq.set_published(answer.pk, reviewer, True)
    assert Notification.objects.filter(recipient=resident, title="您的提问已公开为常见问题").exists()
    client.force_login(stranger)
    assert question.title in client.get("/court/qa/").content.decode()
    page = client.get(f"/court/qa/{question.pk}/").content.decode()
    assert ANSWER in page and "匿名居民" in page and "张小红" not in page


def test_a_reviewer_outside_the_askers_county_cannot_publish(question, judge, make_user,
                                                             grid_tree):
    answer = faq.answer(question.pk, judge.user, ANSWER)
    far = make_user("editor", grid=grid_tree["wangdian"], scope=grid_tree["xiuzhou"])
    assert not faq.answers_to_moderate(far).exists()
    with pytest.raises(services.CourtError):
        faq.set_published(answer.pk, far, True)
    resident_reviewer = make_user("resident", grid=grid_tree["micro"])
    with pytest.raises(services.CourtError):
        faq.set_published(answer.pk, resident_reviewer, True)
    assert not Answer.objects.get(pk=answer.pk).is_published


def test_published_faq_is_in_site_search(client, question, judge, reviewer, resident):
    answer = faq.answer(question.pk, judge.user, ANSWER)
    client.force_login(resident)
    assert "彩礼能要回来吗" not in client.get("/search/", {"q": "彩礼"}).content.decode()
    faq.set_published(answer.pk, reviewer, True)
    assert "彩礼能要回来吗" in client.get("/search/", {"q": "彩礼"}).content.decode()


def test_admin_review_page_publishes(client, question, judge, reviewer, make_user, grid_tree):
    answer = faq.answer(question.pk, judge.user, ANSWER)
    client.force_login(reviewer)
    assert ANSWER[:20] in client.get("/admin/court/answers/").content.decode()
    client.post("/admin/court/answers/", {"answer": answer.pk, "publish": "1"})
    assert Answer.objects.get(pk=answer.pk).is_published
    far = make_user("editor", grid=grid_tree["wangdian"], scope=grid_tree["xiuzhou"])
    client.force_login(far)
    assert client.post("/admin/court/answers/", {"answer": answer.pk, "publish": "0"}
                       ).status_code == 404
    assert Answer.objects.get(pk=answer.pk).is_published


def test_asking_through_the_page(client, resident, court_on):
    client.force_login(resident)
    response = client.post("/court/qa/ask/", {"category": "labour", "title": "老板拖欠工资怎么办",
                                              "body": "做了四个月木工，工资一直不给。",
                                              "anonymous": "on"})
    question = Question.objects.get()
    assert response.status_code == 302 and question.asker == resident and question.anonymous
    assert question.grid == resident.home_grid
    response = client.post("/court/qa/ask/", {"category": "labour", "title": "", "body": ""})
    assert "请填写标题" in response.content.decode() and Question.objects.count() == 1


def test_faq_is_public_and_its_queries_do_not_grow(client, resident, judge, reviewer, court_on,
                                                   django_assert_max_num_queries):
    def publish_one(n: int) -> None:
        question = faq.ask(resident, title=f"物业费问题{n}", body="电梯经常坏，能少交物业费吗？",
                           category="property_fee")
        faq.set_published(faq.answer(question.pk, judge.user, ANSWER).pk, reviewer, True)

    publish_one(0)
    client.get("/court/qa/")
    with django_assert_max_num_queries(40) as few:
        client.get("/court/qa/")
    for n in range(1, 6):
        publish_one(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/court/qa/").content.decode()
    assert "物业费问题5" in page  # visitors (not logged in) read the FAQ too


def test_answerers_see_open_questions_residents_do_not(client, question, judge, lawyer,
                                                       make_user, grid_tree):
    client.force_login(lawyer)
    assert question.title in client.get("/court/qa/").content.decode()
    assert [q["id"] for q in client.get("/api/court/questions/open/").json()] == [question.pk]
    faq.answer(question.pk, lawyer, ANSWER)
    assert client.get("/api/court/questions/open/").json() == []
    client.force_login(make_user("resident", grid=grid_tree["xgrid"]))
    assert client.get("/api/court/questions/open/").json() == []
    assert question.title not in client.get("/court/qa/").content.decode()
