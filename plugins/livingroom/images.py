"""Residents' photos: real images only, size-limited, re-encoded without EXIF.

Phone photos carry GPS coordinates and device serials in EXIF; re-encoding the
pixels (after applying the EXIF orientation) drops all metadata, and also
neutralises files that are images only by their extension.
"""

from __future__ import annotations

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .models import MAX_IMAGES

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 1600  # px: plenty for a phone screen, keeps storage small
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "HEIF"}


def clean_images(uploads: list[UploadedFile]) -> list[ContentFile]:
    """Validate and re-encode up to MAX_IMAGES uploads; raise ValidationError in Chinese."""
    uploads = [upload for upload in uploads if upload]
    if len(uploads) > MAX_IMAGES:
        raise ValidationError(_("最多上传 %(max)s 张图片。") % {"max": MAX_IMAGES})
    return [_reencode(upload) for upload in uploads]


def _reencode(upload: UploadedFile) -> ContentFile:
    name = upload.name or _("图片")
    if upload.size > MAX_BYTES:
        raise ValidationError(_("图片“%(name)s”超过 5 MB，请压缩后再上传。") % {"name": name})
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            fmt = probe.format
            probe.verify()
        if fmt not in ACCEPTED_FORMATS:
            raise UnidentifiedImageError(fmt)
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB")
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            buffer = BytesIO()
            image.save(buffer, format="JPEG", quality=85, optimize=True)  # no exif= → none kept
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("“%(name)s”不是有效的图片，请上传 JPG 或 PNG 照片。") % {"name": name}) from exc
    return ContentFile(buffer.getvalue(), name="photo.jpg")
