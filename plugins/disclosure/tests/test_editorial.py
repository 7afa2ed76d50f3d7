"""Cadres and editors publish postings in the page editor: figures, corrections, PDFs."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from plugins.disclosure.models import PostingPage, Publication

from .admin_helpers import add_url, posting_data
from .conftest import LINES

pytestmark = pytest.mark.django_db


def test_cadre_publishes_a_finance_posting_for_own_village(client, enabled, dongzha_cadre,
                                                           grid_tree):
    client.force_login(dongzha_cadre)
    response = client.post(add_url(enabled), posting_data(grid_tree["dongzha"]))
    assert response.status_code == 302, response.content.decode()[:3000]
    posting = PostingPage.objects.get(title="2026年第三季度财务收支公开")
    assert posting.live and posting.target_grid == grid_tree["dongzha"]
    assert posting.finance_lines.count() == 4
    assert str(posting.closing_balance) == "400.25"
    publication = posting.publications.get()
    assert publication.number == 1 and not publication.is_correction
    assert publication.published_by == dongzha_cadre


@pytest.mark.parametrize(("totals", "field", "message"), [
    ({"total_income": "1600.50", "closing_balance": "500.25"}, "total_income",
     "收入明细合计为 1,500.50 元，与填写的本期收入合计 1,600.50 元相差 100.00 元"),
    ({"total_expense": "1200.00", "closing_balance": "400.50"}, "total_expense",
     "支出明细合计为 1,200.25 元，与填写的本期支出合计 1,200.00 元相差 0.25 元"),
    ({"closing_balance": "399.00"}, "closing_balance",
     "= 400.25 元，与填写的期末余额 399.00 元相差 1.25 元"),
])
def test_totals_that_do_not_add_up_are_refused_naming_the_difference(
        client, enabled, dongzha_cadre, grid_tree, totals, field, message):
    client.force_login(dongzha_cadre)
    response = client.post(add_url(enabled), posting_data(grid_tree["dongzha"], totals=totals))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PostingPage.objects.exists()  # nothing half-saved


def test_only_finance_postings_carry_lines(client, enabled, dongzha_cadre, grid_tree):
    client.force_login(dongzha_cadre)
    data = posting_data(grid_tree["dongzha"], kind="party", title="党员发展公示")
    data.update({k: v for k, v in posting_data(grid_tree["dongzha"]).items()
                 if k.startswith("finance_lines")})
    response = client.post(add_url(enabled), data)
    assert "只有财务公开可以填写收支明细。" in response.content.decode()
    assert not PostingPage.objects.exists()


def test_the_village_must_be_a_community_node(client, enabled, make_user, grid_tree):
    town_operator = make_user("town_operator", scope=grid_tree["town"])
    client.force_login(town_operator)
    response = client.post(add_url(enabled), posting_data(grid_tree["grid1"]))
    assert response.status_code == 200
    assert not PostingPage.objects.exists()
    offered = client.get(add_url(enabled)).content.decode()
    assert "东栅社区" in offered and "新兴社区" in offered and "东栅第一网格" not in offered


def _correct(client, posting, grid, **kwargs):
    lines = [*LINES[:3], ("expense", "保洁费", "500.25", "")]
    data = posting_data(grid, page=posting, lines=lines, totals={"total_expense": "1300.25",
                        "closing_balance": "300.25"}, **kwargs)
    return client.post(f"/admin/pages/{posting.pk}/edit/", data)


def test_a_published_change_needs_a_correction_note(client, enabled, dongzha_cadre, grid_tree,
                                                    make_posting):
    posting = make_posting(grid_tree["dongzha"], title="2026年第三季度财务收支公开")
    client.force_login(dongzha_cadre)
    response = _correct(client, posting, grid_tree["dongzha"])
    assert response.status_code == 200
    assert "修改已公开的内容须填写本次更正说明" in response.content.decode()
    posting.refresh_from_db()
    assert str(posting.total_expense) == "1200.25" and posting.publications.count() == 1

    response = _correct(client, posting, grid_tree["dongzha"],
                        note="保洁费合同为每月133.42元，原数字录入有误，予以更正。")
    assert response.status_code == 302
    posting.refresh_from_db()
    assert str(posting.total_expense) == "1300.25"
    correction = posting.publications.get(number=2)
    assert correction.is_correction and correction.note.startswith("保洁费合同")
    assert correction.describe_changes() == [
        "本期支出合计：1,200.25 元 → 1,300.25 元",
        "期末余额：400.25 元 → 300.25 元",
        "支出明细“保洁费”：400.25 元 → 500.25 元",
    ]
    # The raw history is Wagtail's: one revision per save.
    assert posting.revisions.count() == 2


def test_the_previous_note_is_not_prefilled_and_cannot_be_reused(
        client, enabled, dongzha_cadre, grid_tree, make_posting):
    posting = make_posting(grid_tree["dongzha"])
    client.force_login(dongzha_cadre)
    _correct(client, posting, grid_tree["dongzha"], note="第一次更正")
    form = client.get(f"/admin/pages/{posting.pk}/edit/").content.decode()
    assert "第一次更正" not in form
    data = posting_data(grid_tree["dongzha"], page=posting, title="改个标题", note="第一次更正",
                        lines=[*LINES[:3], ("expense", "保洁费", "500.25", "")],
                        totals={"total_expense": "1300.25", "closing_balance": "300.25"})
    response = client.post(f"/admin/pages/{posting.pk}/edit/", data)
    assert "须填写本次更正说明" in response.content.decode()


def test_republishing_unchanged_content_is_not_a_correction(client, enabled, dongzha_cadre,
                                                            grid_tree, make_posting):
    posting = make_posting(grid_tree["dongzha"])
    client.force_login(dongzha_cadre)
    response = client.post(f"/admin/pages/{posting.pk}/edit/",
                           posting_data(grid_tree["dongzha"], page=posting, title=posting.title))
    assert response.status_code == 302
    assert posting.publications.count() == 1


def test_every_save_path_checks_figures_and_corrections(enabled, grid_tree, make_posting):
    """Code, bulk publish and the scheduler call Page.full_clean: the same rules hold."""
    posting = make_posting(grid_tree["dongzha"])
    page = PostingPage.objects.get(pk=posting.pk)
    page.total_income = page.total_income + 1
    with pytest.raises(ValidationError) as error:
        page.save_revision()
    assert "相差 1.00 元" in str(error.value)
    page.closing_balance = page.closing_balance + 1
    with pytest.raises(ValidationError) as error:
        page.save_revision()
    assert "total_income" in error.value.message_dict
    page = PostingPage.objects.get(pk=posting.pk)
    page.title = "悄悄改的标题"
    with pytest.raises(ValidationError) as error:
        page.save_revision().publish()
    assert "更正说明" in str(error.value)
    assert Publication.objects.filter(posting=posting).count() == 1
    page.correction_note = "标题表述不准确，予以更正。"
    page.save_revision().publish()
    assert Publication.objects.filter(posting=posting, is_correction=True).count() == 1


def test_pdf_attachments_must_be_real_pdfs(client, enabled, dongzha_cadre, grid_tree,
                                           make_document):
    fake = make_document(b"<html>not a pdf</html>", title="伪装的PDF")
    client.force_login(dongzha_cadre)
    response = client.post(add_url(enabled), posting_data(grid_tree["dongzha"],
                                                          attachments=[fake]))
    assert "附件“伪装的PDF”不是有效的PDF文件" in response.content.decode()
    assert not PostingPage.objects.exists()
    real = make_document(title="验收单")
    response = client.post(add_url(enabled), posting_data(grid_tree["dongzha"],
                                                          attachments=[real]))
    assert response.status_code == 302
    posting = PostingPage.objects.get()
    assert [a.display_title for a in posting.attachments.all()] == ["验收单"]
    real.refresh_from_db()
    assert real.collection.name == "村务公开附件"  # only staff may open /documents/ directly


def test_oversized_pdf_is_refused(enabled, make_document, monkeypatch):
    from plugins.disclosure import validators

    monkeypatch.setattr(validators, "MAX_PDF_BYTES", 10)
    document = make_document()
    with pytest.raises(ValidationError) as error:
        validators.validate_pdf_document(document)
    assert "超过" in str(error.value) and "上限" in str(error.value)
