"""GeoReport v2 documents in XML and JSON, from plain Python structures.

The JSON form follows the spec's programmatic mapping of the XML (the "Spark
convention"): a list root becomes a JSON array of objects, nested lists become
arrays, booleans are true/false, empty values null. XML is built with ElementTree
(no foreign tags, no namespace), with the XML declaration the spec requires.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

from django.http import HttpResponse
from django.utils import timezone

FORMATS = ("xml", "json")
XML_DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'
CONTENT_TYPES = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}

# Root element and the element of each item, for the lists the API returns.
LIST_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


def w3c(moment: datetime | None) -> str | None:
    """A W3C datetime with its offset, in Asia/Shanghai (e.g. 2026-11-29T09:30:00+08:00)."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _append(parent: ElementTree.Element, tag: str, value: Any) -> None:
    element = ElementTree.SubElement(parent, tag)
    if isinstance(value, list):
        item_tag = LIST_TAGS[tag]
        for item in value:
            child = ElementTree.SubElement(element, item_tag)
            if isinstance(item, dict):
                _fill(child, item)
            else:
                child.text = _text(item)
    elif isinstance(value, dict):
        _fill(element, value)
    else:
        element.text = _text(value)


def _fill(element: ElementTree.Element, mapping: dict[str, Any]) -> None:
    for key, value in mapping.items():
        _append(element, key, value)


def to_xml(root: str, content: list[dict[str, Any]] | dict[str, Any]) -> bytes:
    """``<root>`` holding one item element per dict of a list, or the dict's fields."""
    element = ElementTree.Element(root)
    if isinstance(content, list):
        for item in content:
            _fill(ElementTree.SubElement(element, LIST_TAGS[root]), item)
    else:
        _fill(element, content)
    return XML_DECLARATION + ElementTree.tostring(element, encoding="unicode").encode("utf-8")


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(content: list[dict[str, Any]] | dict[str, Any]) -> bytes:
    return json.dumps(content, ensure_ascii=False, default=_json_default).encode("utf-8")


def render(fmt: str, root: str, content: list[dict[str, Any]] | dict[str, Any],
           status: int = 200) -> HttpResponse:
    """The document in ``fmt`` ("xml" or "json") with the spec's content type."""
    body = to_xml(root, content) if fmt == "xml" else to_json(content)
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def render_error(fmt: str, status: int, description: str) -> HttpResponse:
    """The spec's error document: ``<errors><error><code/><description/></error></errors>``."""
    return render(fmt, "errors", [{"code": status, "description": str(description)}],
                  status=status)
