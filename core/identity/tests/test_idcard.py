import pytest
from django.core.exceptions import ValidationError

from core.identity.idcard import (
    check_character,
    mask_id_card,
    mask_mobile,
    normalise_id_card,
    validate_id_card,
)
from core.testing import VALID_ID_CARDS


@pytest.mark.parametrize("number", VALID_ID_CARDS)
def test_valid_numbers_pass(number):
    validate_id_card(number)


def test_lower_case_x_is_accepted_and_normalised():
    first17 = "11010519491231002"
    assert check_character(first17) == "X"
    validate_id_card(first17 + "x")
    assert normalise_id_card(first17 + "x") == first17 + "X"


def test_bad_check_character_has_a_chinese_message():
    number = VALID_ID_CARDS[0][:17] + ("1" if VALID_ID_CARDS[0][17] != "1" else "2")
    with pytest.raises(ValidationError) as error:
        validate_id_card(number)
    assert error.value.code == "id_card_checksum"
    assert "校验位不正确" in error.value.messages[0]


def test_impossible_birth_date_is_refused():
    first17 = "33040219900231123"  # 31 February
    with pytest.raises(ValidationError) as error:
        validate_id_card(first17 + check_character(first17))
    assert error.value.code == "id_card_birthdate"
    assert "出生日期无效" in error.value.messages[0]


@pytest.mark.parametrize("number", ["", "3304021990010112", "33040219900101123A", "3304O2199001011230"])
def test_bad_shape_is_refused(number):
    with pytest.raises(ValidationError) as error:
        validate_id_card(number)
    assert error.value.code == "id_card_shape"
    assert "18位" in error.value.messages[0]


def test_masking():
    assert mask_id_card("330402199001011234") == "3304**********1234"
    assert mask_mobile("13812345678") == "138****5678"
