"""Attachments must be real PDF files of a reasonable size.

The extension and the browser's content type are the uploader's claims; the
first bytes of a PDF are always ``%PDF-`` (ISO 32000-1, 7.5.2), so those are
what is checked. Read from storage, so it works for documents uploaded through
Wagtail's chooser as well as for files sent through the API.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF_MAGIC = b"%PDF-"
MAX_PDF_BYTES = 20 * 1024 * 1024  # a scanned 30-page 公示 is ~10 MB at 200 dpi


def pdf_problem(file: Any, name: str) -> str | None:
    """A Chinese reason why ``file`` is not an acceptable PDF, or None."""
    try:
        size = file.size
    except (OSError, ValueError):
        return _("附件“%(name)s”的文件已丢失，请重新上传。") % {"name": name}
    if size > MAX_PDF_BYTES:
        return _("附件“%(name)s”大小为 %(size).1f MB，超过 %(max)d MB 的上限。") % {
            "name": name, "size": size / 1024 / 1024, "max": MAX_PDF_BYTES // 1024 // 1024}
    try:
        file.open("rb")
        try:
            head = file.read(len(PDF_MAGIC))
        finally:
            file.close()
    except (OSError, ValueError):
        return _("附件“%(name)s”的文件已丢失，请重新上传。") % {"name": name}
    if head != PDF_MAGIC:
        return _("附件“%(name)s”不是有效的PDF文件，请上传PDF格式的扫描件或导出件。") % {
            "name": name}
    return None


def validate_pdf_document(document: Any) -> None:
    """Raise ValidationError unless the Wagtail document is a real, small-enough PDF."""
    problem = pdf_problem(document.file, document.title or document.filename)
    if problem:
        raise ValidationError(problem)
