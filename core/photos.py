"""Residents' photos: check the real content, strip all metadata, re-encode.

A phone photo carries the place it was taken (EXIF GPS), the device and often
the owner's name. Only a re-encoded copy should ever be stored: the pixels are
re-drawn through Pillow so nothing from the upload's container survives (EXIF,
XMP, ICC comments, trailing data, a script hidden after the image). Used by every
plugin that takes photos (一键报事, 社区会客厅); each sets its own size limits.
"""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000  # refuse decompression bombs long before Pillow's own limit
JPEG_QUALITY = 85

# What Pillow must find inside the file; the name and the browser's MIME type are ignored.
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF", "BMP", "MPO"})


@dataclass(frozen=True)
class CleanPhoto:
    """A photo ready to store: clean JPEG bytes and their size."""

    content: bytes
    width: int
    height: int
    original_name: str

    def as_file(self) -> ContentFile:
        # A random name: the resident's own file name may carry personal data.
        return ContentFile(self.content, name=f"{uuid.uuid4().hex}.jpg")


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def clean_photo(upload: Any, *, max_bytes: int, max_edge: int, max_pixels: int = MAX_PIXELS,
                noun: str = "") -> CleanPhoto:
    """Check one upload and return its metadata-free copy, or raise a Chinese ValidationError.

    ``noun`` names the thing in messages (照片 by default, 图片 …).
    """
    noun = noun or _("照片")
    name = getattr(upload, "name", "") or noun
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise _refuse(_("%(noun)s“%(name)s”超过 %(mb)s MB，请压缩后再上传。")
                      % {"noun": noun, "name": name, "mb": max_bytes // (1024 * 1024)}, "too_big")
    if size == 0:
        raise _refuse(_("%(noun)s“%(name)s”是空文件。") % {"noun": noun, "name": name}, "empty")
    not_image = _refuse(_("“%(name)s”不是有效的图片，请上传 JPG 或 PNG 照片。") % {"name": name},
                        "invalid_image")
    try:
        upload.seek(0)
        raw = upload.read(max_bytes + 1)
    except (OSError, ValueError) as error:
        raise not_image from error
    if len(raw) > max_bytes:  # the declared size can lie
        raise _refuse(_("%(noun)s“%(name)s”超过 %(mb)s MB，请压缩后再上传。")
                      % {"noun": noun, "name": name, "mb": max_bytes // (1024 * 1024)}, "too_big")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise not_image
                if probe.width * probe.height > max_pixels:
                    raise _refuse(_("%(noun)s“%(name)s”分辨率过大。") % {"noun": noun, "name": name}, "too_many_pixels")
                probe.verify()  # structure check; the image must be reopened afterwards
            with Image.open(io.BytesIO(raw)) as image:
                image.seek(0)  # animated GIF / multi-picture JPEG: the first frame only
                clean = _redraw(image, max_edge)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
            Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise not_image from error
    buffer = io.BytesIO()
    # No exif=, no icc_profile=: Pillow writes a bare JFIF file.
    clean.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return CleanPhoto(buffer.getvalue(), clean.width, clean.height, name)


def _redraw(image: Image.Image, max_edge: int) -> Image.Image:
    """New pixels only: orientation applied, alpha flattened on white, downsized."""
    image = ImageOps.exif_transpose(image)  # keep it upright once the EXIF tag is gone
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")
    image.thumbnail((max_edge, max_edge))
    # A fresh image object: copying pixels drops every .info entry (exif, xmp, comment).
    fresh = Image.new("RGB", image.size)
    fresh.paste(image)
    return fresh
