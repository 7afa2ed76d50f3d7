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

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from core.photos import CleanPhoto, clean_photo

MAX_PHOTOS = 6
MAX_PHOTO_BYTES = 8 * 1024 * 1024  # a phone's full-size JPEG is 3–6 MB
MAX_PIXELS = 40_000_000  # refuse decompression bombs long before Pillow's own limit
MAX_EDGE = 1920  # stored copies are resized: enough to read a licence plate, not 40 MB
# The checks and the re-encoding are core's (core.photos); these are 一键报事's limits.
PreparedPhoto = CleanPhoto


def prepare(upload: Any) -> PreparedPhoto:
    """Check one upload and return its metadata-free copy, or raise a Chinese ValidationError."""
    return clean_photo(upload, max_bytes=MAX_PHOTO_BYTES, max_edge=MAX_EDGE, max_pixels=MAX_PIXELS)


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


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
