"""Editors in the Wagtail admin: quizzes with inline questions, scoped; results and CSV."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from plugins.quiz import services
from plugins.quiz.models import Question, QuestionKind, Quiz, QuizMode

pytestmark = pytest.mark.django_db

INDEX = "/admin/quiz/quizzes/"


def _form(grid, questions, **overrides) -> dict:
    now = timezone.localtime()
    data = {
        "title": "国安在线", "intro": "", "mode": "quiz", "grid": grid.pk,
        "opens_at": (now - timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        "closes_at": (now + timedelta(days=7)).strftime("%Y-%m-%d %H:%M"),
        "questions_per_attempt": "0", "time_limit_seconds": "300", "max_attempts": "1",
        "pass_score": "60", "is_published": "on",
        "questions-TOTAL_FORMS": str(len(questions)), "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000",
    }
    for i, (kind, text, choices, answer) in enumerate(questions):
        data.update({f"questions-{i}-kind": kind, f"questions-{i}-text": text,
                     f"questions-{i}-choices": choices, f"questions-{i}-answer": answer,
                     f"questions-{i}-score": "10", f"questions-{i}-ORDER": str(i + 1),
                     f"questions-{i}-id": "", f"questions-{i}-DELETE": ""})
    data.update(overrides)
    return data


def test_editor_builds_quiz_with_inline_questions(client, cadre, grid_tree, quiz_on):
    client.force_login(cadre)
    response = client.post(f"{INDEX}new/", _form(grid_tree["dongzha"], [
        ("multiple", "哪些是诈骗？", "刷单返利，先垫付\n\n冒充客服、退款\n银行柜台办理", "A，b"),
        ("true_false", "反诈专线是96110", "", "a"),
    ]))
    assert response.status_code == 302, response.content.decode()[-3000:]
    quiz = Quiz.objects.get(title="国安在线")
    multiple, true_false = quiz.questions.order_by("sort_order")
    assert multiple.choice_list() == ["刷单返利，先垫付", "冒充客服、退款", "银行柜台办理"]
    assert multiple.answer == "AB" and true_false.answer == "A"


def test_answer_out_of_range_is_refused_in_chinese(client, cadre, grid_tree, quiz_on):
    client.force_login(cadre)
    response = client.post(f"{INDEX}new/", _form(grid_tree["dongzha"], [
        ("single", "火警电话？", "119\n110", "C")]))
    assert response.status_code == 200
    assert "超出选项范围" in response.content.decode()
    assert not Quiz.objects.exists()


def test_editor_sees_only_their_subtree(client, cadre, make_quiz, grid_tree, quiz_on):
    mine, theirs = make_quiz("东栅国安在线"), make_quiz("新兴平安锦鲤", grid="xinxing")
    client.force_login(cadre)
    page = client.get(INDEX).content.decode()
    assert "东栅国安在线" in page and "新兴平安锦鲤" not in page
    assert client.get(f"{INDEX}edit/{mine.pk}/").status_code == 200
    assert client.get(f"{INDEX}{mine.pk}/results/").status_code == 200
    for url in (f"{INDEX}edit/{theirs.pk}/", f"{INDEX}{theirs.pk}/results/",
                f"{INDEX}{theirs.pk}/results/?format=csv", f"{INDEX}delete/{theirs.pk}/"):
        assert client.get(url).status_code == 404, url
    response = client.post(f"{INDEX}new/", _form(grid_tree["xinxing"], []))
    assert response.status_code == 200 and not Quiz.objects.filter(title="国安在线").exists()


def _answer(quiz, resident, letters: list[str]) -> None:
    attempt = services.start_attempt(quiz.pk, resident)
    questions = services.questions_of(attempt)
    services.submit(attempt.pk, resident, {str(q.pk): [x] for q, x in zip(questions, letters,
                                                                          strict=True)})


def test_questionnaire_aggregated_per_question_and_grid_with_csv(
        client, cadre, make_user, grid_tree, make_quiz, quiz_on):
    quiz = make_quiz("平安问卷", mode=QuizMode.SURVEY, questions=[
        (QuestionKind.SINGLE, "治安状况如何？", "很好\n一般\n较差", ""),
        (QuestionKind.MULTIPLE, "希望开展哪些宣传？", "反诈\n消防\n交通", "")])
    for grid, letters in (("micro", ["A", "B"]), ("micro", ["A", "C"]), ("grid1", ["B", "B"])):
        _answer(quiz, make_user("resident", grid=grid_tree[grid]), letters)
    stats = services.question_stats(quiz)
    assert [c["count"] for c in stats[0]["choices"]] == [2, 1, 0]
    assert [c["count"] for c in stats[1]["choices"]] == [0, 2, 1]
    assert services.leaderboard(quiz) == [{"grid": "东栅社区", "participants": 3, "average": 0.0}]
    client.force_login(cadre)
    page = client.get(f"{INDEX}{quiz.pk}/results/").content.decode()
    assert page.count('data-testid="choice-row"') == 6 and "东栅社区" in page
    response = client.get(f"{INDEX}{quiz.pk}/results/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "治安状况如何？,A,很好,2," in text and "东栅社区,3,0.0" in text
    assert Question.objects.filter(quiz=quiz).count() == 2


def test_results_xlsx_when_openpyxl_is_installed(client, cadre, make_quiz, quiz_on):
    openpyxl = pytest.importorskip("openpyxl")
    quiz = make_quiz()
    client.force_login(cadre)
    response = client.get(f"{INDEX}{quiz.pk}/results/?format=xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["B2"].value == "全民国家安全教育日是每年的哪一天？" and sheet["F2"].value == "是"
