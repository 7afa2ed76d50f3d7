"""The order code as an inline SVG QR code, drawn on the server (segno, pure Python).

The QR holds only the 8 digits: a handheld scanner at the points shop "types"
them into the 核销 field, and a photo of the screen leaks nothing else.
"""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str, *, title: str = "") -> SafeString:
    """An inline ``<svg>`` that scales to its box (viewBox, no fixed size)."""
    code = segno.make(text, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr", lineclass="qr__line",
                          title=title or None, dark="#1f2329")
    # segno writes the markup itself and escapes the title.
    return mark_safe(svg)  # noqa: S308
