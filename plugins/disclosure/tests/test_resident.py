"""What residents see: their own village only, tables, history, questions and answers."""

from __future__ import annotations

import pytest

from core.notifications.models import Notification
from plugins.disclosure.blocks import RosterRowBlock
from plugins.disclosure.models import Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected(enabled, make_posting, grid_tree, dongzha_cadre):
    """A published finance posting of 东栅社区, corrected once with a note."""
    from decimal import Decimal

    posting = make_posting(grid_tree["dongzha"], title="2026年第三季度财务收支公开")
    page = posting.get_latest_revision_as_object()
    line = next(x for x in page.finance_lines.all() if x.subject == "保洁费")
    line.amount = Decimal("500.25")
    page.total_expense += 100
    page.closing_balance -= 100
    page.correction_note = "保洁费录入有误，予以更正。"
    page.save_revision(user=dongzha_cadre).publish(user=dongzha_cadre)
    return posting


def test_resident_sees_the_village_postings_grouped_by_period(client, resident, enabled,
                                                              make_posting, grid_tree):
    make_posting(grid_tree["dongzha"], title="三季度财务公开")
    make_posting(grid_tree["dongzha"], kind="party", title="党员发展公示", period_kind="month",
                 period_number=9)
    make_posting(grid_tree["dongzha"], title="二季度财务公开", period_number=2)
    make_posting(grid_tree["xinxing"], title="新兴社区财务公开")
    client.force_login(resident)
    page = client.get("/disclosure/").content.decode()
    assert "三季度财务公开" in page and "党员发展公示" in page and "新兴社区财务公开" not in page
    assert page.index("2026年第三季度") < page.index("2026年第二季度")
    assert "2026年9月" in page
    party_only = client.get("/disclosure/?kind=party").content.decode()
    assert "党员发展公示" in party_only and "三季度财务公开" not in party_only


def test_residents_of_another_village_and_visitors_see_nothing(
        client, enabled, corrected, xinxing_resident):
    client.force_login(xinxing_resident)
    assert client.get(corrected.url).status_code == 404
    assert "2026年第三季度财务收支公开" not in client.get("/disclosure/").content.decode()
    assert client.get(f"/api/disclosure/postings/{corrected.pk}/").status_code == 404
    assert client.get("/api/disclosure/postings/").json()["count"] == 0
    client.logout()
    visitor = client.get("/disclosure/").content.decode()
    assert "登录后查看" in visitor and "财务收支公开" not in visitor
    assert client.get(corrected.url).status_code == 404


def test_detail_shows_tables_totals_and_the_correction_history(client, resident, corrected):
    client.force_login(resident)
    page = client.get(corrected.url).content.decode()
    assert "已更正 1 次" in page
    assert "保洁费录入有误，予以更正。" in page
    assert "支出明细“保洁费”：400.25 元 → 500.25 元" in page
    assert "期末余额：400.25 元 → 300.25 元" in page
    assert 'data-testid="income"' in page and "上级转移支付" in page and "1,000.00" in page
    assert "1,300.25" in page  # the corrected expense total
    assert 'class="dc-table-wrap"' in page  # tables scroll inside their card on a phone


def test_roster_names_and_id_numbers_are_masked_on_save():
    value = RosterRowBlock().clean(RosterRowBlock().to_python(
        {"name": "陈阿毛", "id_number": "330402195203141215", "detail": "家庭人口1人"}))
    assert value["name"] == "陈*毛" and value["id_number"] == "3304**********1215"


def test_resident_asks_and_the_cadre_answers_publicly(client, resident, corrected,
                                                      dongzha_cadre):
    client.force_login(resident)
    response = client.post(f"/disclosure/postings/{corrected.pk}/ask/",
                           {"text": "保洁费为什么要更正？合同在哪里看？", "anonymous": "on"})
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.anonymous and question.status == "open" and question.asker == resident
    page = client.get(corrected.url).content.decode()
    assert "匿名居民" in page and resident.name not in page.split('id="questions"')[1]

    client.force_login(dongzha_cadre)
    response = client.post(f"/admin/disclosure/questions/edit/{question.pk}/",
                           {"answer": "保洁合同已张贴在社区公告栏，欢迎查阅。", "status": "answered"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "answered" and question.answered_by == dongzha_cadre
    note = Notification.objects.get(recipient=resident, source="disclosure")
    assert note.title == "您的质询已获答复" and note.url.endswith(f"#q{question.pk}")
    client.force_login(resident)
    page = client.get(corrected.url).content.decode()
    assert "官方答复" in page and "保洁合同已张贴在社区公告栏" in page


def test_only_verified_villagers_may_ask(client, corrected, xinxing_resident, make_user,
                                         grid_tree):
    client.force_login(xinxing_resident)  # cannot even see the posting
    assert client.post(f"/disclosure/postings/{corrected.pk}/ask/",
                       {"text": "这是别的社区的问题吗？"}).status_code == 404
    unverified = make_user("resident", grid=grid_tree["grid1"], verified=False)
    client.force_login(unverified)
    response = client.post(f"/disclosure/postings/{corrected.pk}/ask/",
                           {"text": "我想问一下保洁费。"}, follow=True)
    assert "请先完成实名认证，再提出质询。" in response.content.decode()
    assert not Question.objects.exists()


def test_short_and_duplicate_questions_are_refused(client, resident, corrected):
    client.force_login(resident)
    response = client.post(f"/disclosure/postings/{corrected.pk}/ask/", {"text": "为啥"},
                           follow=True)
    assert "问题太短了，请至少写5个字。" in response.content.decode()
    client.post(f"/disclosure/postings/{corrected.pk}/ask/", {"text": "道路维修修的是哪一段？"})
    response = client.post(f"/disclosure/postings/{corrected.pk}/ask/",
                           {"text": "道路维修修的是哪一段？"}, follow=True)
    assert "您已提过相同的问题，请等待答复。" in response.content.decode()
    assert Question.objects.count() == 1


def test_attachments_download_for_the_village_only(client, resident, xinxing_resident, enabled,
                                                   make_posting, make_document, grid_tree):
    from plugins.disclosure.models import PostingAttachment

    posting = make_posting(grid_tree["dongzha"], publish=False)
    PostingAttachment.objects.create(posting=posting, document=make_document(), title="验收单")
    posting.save_revision().publish()
    item = posting.attachments.get()
    client.force_login(resident)
    response = client.get(f"/disclosure/attachments/{item.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    client.force_login(xinxing_resident)
    assert client.get(f"/disclosure/attachments/{item.pk}/").status_code == 404


def test_home_panel_and_search_show_only_readable_postings(client, resident, enabled,
                                                           make_posting, grid_tree):
    make_posting(grid_tree["dongzha"], title="东栅社区道路维修工程公开", kind="village")
    make_posting(grid_tree["xinxing"], title="新兴社区道路维修工程公开", kind="village")
    client.force_login(resident)
    home = client.get("/").content.decode()
    assert "东栅社区道路维修工程公开" in home and "新兴社区道路维修工程公开" not in home
    found = client.get("/search/", {"q": "道路维修"}).content.decode()
    assert "东栅社区道路维修工程公开" in found and "新兴社区道路维修工程公开" not in found


def test_list_query_count_does_not_grow_with_postings(client, resident, enabled, make_posting,
                                                      grid_tree, django_assert_max_num_queries):
    for n in range(2):
        make_posting(grid_tree["dongzha"], period_number=n + 1)
    client.force_login(resident)
    with django_assert_max_num_queries(40) as few:
        client.get("/disclosure/")
    for n in range(8):
        make_posting(grid_tree["dongzha"], kind="village", period_kind="month",
                     period_number=n + 1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/disclosure/")
    assert page.content.decode().count('data-testid="posting"') == 10


def test_rosters_built_in_code_are_masked_too(enabled, make_posting, grid_tree):
    """The demo, imports and the shell skip the form: PostingPage.clean masks as well."""
    posting = make_posting(grid_tree["dongzha"], kind="village", publish=False)
    posting.body = [("roster", {"caption": "低保对象名单", "rows": [
        {"name": "徐月芬", "id_number": "330402196109272427", "detail": "家庭人口2人"}]})]
    posting.save_revision().publish()
    posting.refresh_from_db()
    row = posting.body[0].value["rows"][0]
    assert (row["name"], row["id_number"]) == ("徐*芬", "3304**********2427")
    assert "330402196109272427" not in str(posting.revisions.last().content)


def test_my_questions_page_and_link(client, resident, corrected):
    Question.objects.create(posting=corrected, asker=resident, text="停车管理收入怎么收的？")
    client.force_login(resident)
    page = client.get("/disclosure/mine/").content.decode()
    assert "停车管理收入怎么收的？" in page and "待答复" in page
    me = client.get("/me/").content.decode()
    assert "我的质询" in me and "1 条待答复" in me
