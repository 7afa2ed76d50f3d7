"""Resident identity card numbers (居民身份证号码), GB 11643-1999."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")


def normalise_id_card(value: str) -> str:
    """Strip spaces and upper-case the check character (x → X)."""
    return re.sub(r"\s+", "", value or "").upper()


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def validate_id_card(value: str) -> None:
    """Raise a Chinese ValidationError unless ``value`` is a valid 18-digit number."""
    number = normalise_id_card(value)
    if not _SHAPE.match(number):
        raise ValidationError(
            _("身份证号码应为18位：前17位是数字，最后一位是数字或X。"), code="id_card_shape"
        )
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            _("身份证号码中的出生日期无效。"), code="id_card_birthdate"
        ) from None
    if check_character(number[:17]) != number[17]:
        raise ValidationError(
            _("身份证号码校验位不正确，请核对后重新输入。"), code="id_card_checksum"
        )


def mask_id_card(number: str) -> str:
    """Show the first four and last four characters only: 3304**********1234."""
    number = normalise_id_card(number)
    if len(number) < 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_mobile(mobile: str) -> str:
    """138****5678."""
    return mobile[:3] + "****" + mobile[-4:] if len(mobile) == 11 else mobile
