"""Report photos: check the real content, strip EXIF (GPS above all), re-encode, store.

A phone photo carries the place it was taken (EXIF GPS), the device and often
the owner's name. Only a re-encoded copy is ever stored, with no metadata at
all: pixels are re-drawn through Pillow so nothing from the upload's container
survives (EXIF, XMP, ICC comments, trailing data, a script hidden after the
image). The original is never written to disk, so it cannot leak later.

Validation happens in ``prepare`` — before any database row or file exists —
so a bad upload leaves nothing behind; ``attach`` writes the files inside the
caller's transaction and removes them again if that transaction fails.
"""

from __future__ import annotations

import io
import uuid
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTOS = 6
MAX_PHOTO_BYTES = 8 * 1024 * 1024  # a phone's full-size JPEG is 3–6 MB
MAX_PIXELS = 40_000_000  # refuse decompression bombs long before Pillow's own limit
MAX_EDGE = 1920  # stored copies are resized: enough to read a licence plate, not 40 MB
JPEG_QUALITY = 85
# What Pillow must find inside the file; the name and the browser's MIME type are ignored.
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF", "BMP", "MPO"})


@dataclass(frozen=True)
class PreparedPhoto:
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


def prepare(upload: Any) -> PreparedPhoto:
    """Check one upload and return its metadata-free copy, or raise a Chinese ValidationError."""
    name = getattr(upload, "name", "") or _("照片")
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_PHOTO_BYTES:
        raise _refuse(_("照片“%(name)s”超过 %(mb)s MB，请压缩后再上传。")
                      % {"name": name, "mb": MAX_PHOTO_BYTES // (1024 * 1024)}, "too_big")
    if size == 0:
        raise _refuse(_("照片“%(name)s”是空文件。") % {"name": name}, "empty")
    not_image = _refuse(_("“%(name)s”不是有效的图片，请上传 JPG 或 PNG 照片。") % {"name": name},
                        "invalid_image")
    try:
        upload.seek(0)
        raw = upload.read(MAX_PHOTO_BYTES + 1)
    except (OSError, ValueError) as error:
        raise not_image from error
    if len(raw) > MAX_PHOTO_BYTES:  # the declared size can lie
        raise _refuse(_("照片“%(name)s”超过 %(mb)s MB，请压缩后再上传。")
                      % {"name": name, "mb": MAX_PHOTO_BYTES // (1024 * 1024)}, "too_big")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise not_image
                if probe.width * probe.height > MAX_PIXELS:
                    raise _refuse(_("照片“%(name)s”分辨率过大。") % {"name": name}, "too_many_pixels")
                probe.verify()  # structure check; the image must be reopened afterwards
            with Image.open(io.BytesIO(raw)) as image:
                image.seek(0)  # animated GIF / multi-picture JPEG: the first frame only
                clean = _redraw(image)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
            Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise not_image from error
    buffer = io.BytesIO()
    # No exif=, no icc_profile=: Pillow writes a bare JFIF file.
    clean.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return PreparedPhoto(buffer.getvalue(), clean.width, clean.height, name)


def _redraw(image: Image.Image) -> Image.Image:
    """New pixels only: orientation applied, alpha flattened on white, downsized."""
    image = ImageOps.exif_transpose(image)  # keep it upright once the EXIF tag is gone
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")
    image.thumbnail((MAX_EDGE, MAX_EDGE))
    # A fresh image object: copying pixels drops every .info entry (exif, xmp, comment).
    fresh = Image.new("RGB", image.size)
    fresh.paste(image)
    return fresh


def prepare_all(uploads: Iterable[Any]) -> list[PreparedPhoto]:
    """Check every upload (the count, then each one); the first problem is raised."""
    files = [upload for upload in uploads if upload]
    if len(files) > MAX_PHOTOS:
        raise _refuse(_("最多上传 %(max)s 张照片。") % {"max": MAX_PHOTOS}, "too_many")
    # Already prepared (the form cleans them first): checking twice would re-encode twice.
    return [item if isinstance(item, PreparedPhoto) else prepare(item) for item in files]


@contextmanager
def files_removed_on_error() -> Iterator[list[str]]:
    """Yield a list to record stored file names; delete them if the block raises.

    Use it around the ``transaction.atomic`` block that creates the report: the
    database rolls back by itself, the storage does not.
    """
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def attach(report: Any, prepared: Iterable[PreparedPhoto], stored: list[str]) -> list[Any]:
    """Store each prepared photo on ``report`` (inside the caller's transaction)."""
    from .models import ReportPhoto

    photos = []
    for photo in prepared:
        row = ReportPhoto(report=report)
        content = photo.as_file()
        row.image.save(content.name, content, save=False)
        stored.append(row.image.name)
        row.save()
        photos.append(row)
    return photos
