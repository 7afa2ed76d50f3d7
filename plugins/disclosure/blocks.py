"""The body of a posting: paragraphs, and 公示名单 whose personal data is masked on save.

A roster (低保户名单, 党员发展对象 …) is published to the whole village, so names
and ID-card numbers are masked when the block is cleaned: the full values never
reach the page, its revisions or the API. Masking is idempotent, so an already
masked value saved again stays the same.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

MASK = "*"
ID_CARD = re.compile(r"^[0-9*]{17}[0-9Xx*]$")


def mask_name(name: str) -> str:
    """张三 → 张*, 张小红 → 张*红, 欧阳小明 → 欧**明 (surname and last character kept)."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + MASK
    return name[0] + MASK * (len(name) - 2) + name[-1]


def mask_id_card(number: str) -> str:
    """330402196408153229 → 3304**********3229: region prefix and last four kept."""
    number = (number or "").strip().upper()
    if len(number) < 8:
        return MASK * len(number)
    return number[:4] + MASK * (len(number) - 8) + number[-4:]


class RosterRowBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("姓名"), max_length=20,
                            help_text=_("保存时自动脱敏，如“张*红”。"))
    id_number = blocks.CharBlock(label=_("身份证号"), max_length=18, required=False,
                                 help_text=_("保存时自动脱敏，只保留前4位和后4位。"))
    detail = blocks.CharBlock(label=_("公示内容"), max_length=100, required=False,
                              help_text=_("如：家庭人口3人，月保障金额1280元。"))

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        number = (value.get("id_number") or "").strip()
        if number and not ID_CARD.match(number):
            raise blocks.StructBlockValidationError(block_errors={
                "id_number": blocks.BlockValidationError(_("身份证号应为18位。")),
            })
        value["name"] = mask_name(value.get("name", ""))
        value["id_number"] = mask_id_card(number) if number else ""
        return value

    class Meta:
        label = _("名单行")
        icon = "user"


class RosterBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("名单标题"), max_length=60)
    rows = blocks.ListBlock(RosterRowBlock(), label=_("名单"))

    class Meta:
        label = _("公示名单")
        icon = "list-ul"
        template = "disclosure/blocks/roster.html"


class PostingBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("段落"), features=["h3", "bold", "italic", "ol", "ul", "link", "document-link"])
    roster = RosterBlock()

    class Meta:
        required = False


def mask_rosters(body: Any) -> Any | None:
    """``body`` with every roster row masked, or None when nothing needed masking.

    The form masks through ``RosterRowBlock.clean``; this covers pages built in
    code (imports, the demo, the shell), called from ``PostingPage.clean``.
    """
    from wagtail.blocks import StreamValue

    if not body:
        return None
    raw = body.get_prep_value()
    changed = False
    for item in raw:
        if item.get("type") != "roster":
            continue
        for row in item["value"].get("rows", []):
            values = row.get("value", row) if isinstance(row, dict) else row
            name, number = values.get("name", ""), values.get("id_number", "")
            masked_name = mask_name(name)
            masked_number = mask_id_card(number) if number else ""
            if (masked_name, masked_number) != (name, number):
                values["name"], values["id_number"] = masked_name, masked_number
                changed = True
    return StreamValue(body.stream_block, raw, is_lazy=True) if changed else None
