"""Choices one per line and answer keys in every way editors type them."""

import pytest
from django.core.exceptions import ValidationError

from plugins.quiz.models import Question, QuestionKind
from plugins.quiz.parsing import parse_answer, parse_choices


def test_choices_one_per_line_full_width_punctuation_does_not_split():
    text = "\n  报警、求助，都打110  \r\n\n   \nA. 拨打12339，或登录举报平台\nB、置之不理\n"
    assert parse_choices(text) == ["报警、求助，都打110", "拨打12339，或登录举报平台", "置之不理"]


def test_choices_full_width_letter_prefix_removed_but_text_kept():
    assert parse_choices("Ａ．火警119\nb) 匪警110") == ["火警119", "匪警110"]
    assert parse_choices("A") == ["A"]  # a bare letter is a choice, not a prefix


@pytest.mark.parametrize("raw, expected", [
    ("A", "A"), ("a", "A"), ("Ａ", "A"), ("A,C", "AC"), ("AC", "AC"), ("A，C", "AC"),
    ("C、A", "AC"), (" a ; c ", "AC"), ("A C", "AC"),
])
def test_answer_letters_normalised(raw, expected):
    assert parse_answer(raw, 4, multiple=True) == expected


@pytest.mark.parametrize("raw, message", [
    ("E", "超出选项范围"), ("A,A", "重复"), ("", "请填写"), ("1", "选项字母"), ("A，甲", "选项字母"),
])
def test_answer_errors_in_chinese(raw, message):
    with pytest.raises(ValidationError) as exc:
        parse_answer(raw, 4, multiple=True)
    assert message in exc.value.messages[0]


def test_single_answer_refuses_two_letters():
    with pytest.raises(ValidationError, match="只能有一个"):
        parse_answer("A,B", 3)


def test_question_clean_validates_against_its_choices():
    question = Question(kind=QuestionKind.SINGLE, text="火警电话", choices="119\n110\n\n", answer="C")
    with pytest.raises(ValidationError) as exc:
        question.clean()
    assert "共 2 个选项" in exc.value.message_dict["answer"][0]
    question.answer = "ａ"
    question.clean()
    assert question.answer == "A"


def test_true_false_defaults_to_two_choices_and_survey_needs_no_answer():
    question = Question(kind=QuestionKind.TRUE_FALSE, text="骑电动车要戴头盔", answer="A")
    question.clean()
    assert question.choice_list() == ["正确", "错误"]
    Question(kind=QuestionKind.SINGLE, text="满意吗", choices="满意\n一般").clean()
    with pytest.raises(ValidationError):
        Question(kind=QuestionKind.SINGLE, text="只有一个选项", choices="唯一").clean()
