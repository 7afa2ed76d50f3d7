"""The module page, region scope and the enabled-guard."""

import pytest

pytestmark = pytest.mark.django_db


def test_module_page_lists_quizzes_of_my_region_only(client, resident, make_quiz, quiz_on):
    make_quiz("东栅社区国安在线", grid="dongzha")
    make_quiz("全区平安锦鲤", grid="nanhu")
    make_quiz("新兴社区问卷", grid="xinxing")
    make_quiz("已截止的竞答", closed=True)
    client.force_login(resident)
    page = client.get("/quiz/").content.decode()
    assert "安全答题" in page and "东栅社区国安在线" in page and "全区平安锦鲤" in page
    assert "新兴社区问卷" not in page
    assert "已截止的竞答" in page  # under 往期结果, linking to the board


def test_other_region_quiz_is_404(client, resident, make_quiz, quiz_on):
    quiz = make_quiz(grid="xinxing")
    client.force_login(resident)
    assert client.get(f"/quiz/{quiz.pk}/").status_code == 404
    assert client.post(f"/quiz/{quiz.pk}/start/").status_code == 404
    assert client.post(f"/api/quiz/quizzes/{quiz.pk}/start/").status_code == 404


def test_module_page_and_api_404_when_disabled(client, resident, make_quiz, set_plugin):
    quiz = make_quiz()
    set_plugin("quiz", False)
    client.force_login(resident)
    assert client.get("/quiz/").status_code == 404
    assert client.get(f"/quiz/{quiz.pk}/board/").status_code == 404
    assert client.get("/api/quiz/quizzes/").status_code == 404
