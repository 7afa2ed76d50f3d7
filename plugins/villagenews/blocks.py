"""The StreamField body of a news page: paragraphs, single photos and photo sets."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

# Headings start at h3: the page title is the article's h2 under the top bar's h1.
RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class PhotoBlock(blocks.StructBlock):
    """One photo with an optional caption (图片说明), shown full width."""

    image = ImageChooserBlock(label=_("图片"))
    caption = blocks.CharBlock(label=_("图片说明"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("图片")
        template = "villagenews/blocks/photo.html"


class NewsBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("段落"), features=RICH_TEXT_FEATURES, template="villagenews/blocks/paragraph.html"
    )
    photo = PhotoBlock()
    gallery = blocks.ListBlock(
        PhotoBlock(), label=_("组图"), min_num=2, max_num=9,
        template="villagenews/blocks/gallery.html",
    )

    class Meta:
        # An article needs at least one paragraph or photo.
        min_num = 1
