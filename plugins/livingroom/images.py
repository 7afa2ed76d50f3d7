"""Residents' photos: real images only, size-limited, re-encoded without EXIF.

Phone photos carry GPS coordinates and device serials in EXIF; re-encoding the
pixels (after applying the EXIF orientation) drops all metadata, and also
neutralises files that are images only by their extension.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from core.photos import clean_photo

from .models import MAX_IMAGES

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 1600  # px: plenty for a phone screen, keeps storage small


def clean_images(uploads: list[UploadedFile]) -> list[ContentFile]:
    """Validate and re-encode up to MAX_IMAGES uploads; raise ValidationError in Chinese."""
    uploads = [upload for upload in uploads if upload]
    if len(uploads) > MAX_IMAGES:
        raise ValidationError(_("最多上传 %(max)s 张图片。") % {"max": MAX_IMAGES})
    return [_reencode(upload) for upload in uploads]


def _reencode(upload: UploadedFile) -> ContentFile:
    return clean_photo(upload, max_bytes=MAX_BYTES, max_edge=MAX_SIDE, noun=_("图片")).as_file()
