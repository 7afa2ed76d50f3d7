"""The GeoReport v2 fields of services (report categories) and requests (reports).

What a caller may see of a report depends on who asks (``Viewer``): the public gets
public categories only, never the reporter or the caller's contact details, and for
a report filed anonymously neither the exact address nor the exact coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from plugins.reports.models import Category, Report, Urgency

from .serialise import w3c

S = Report.Status
# Open311 has two statuses: "closed" means handling has ended (resolved, closed,
# refused or merged as a duplicate); everything else is still "open".
CLOSED_STATUSES = frozenset({S.RESOLVED, S.CLOSED, S.REJECTED, S.MERGED})
# Anonymous reports' coordinates are rounded to 0.01° (about 1 km) for the public.
PUBLIC_COORDINATE_STEP = Decimal("0.01")

GRID_ATTRIBUTE = "grid_code"
URGENCY_ATTRIBUTE = "urgency"
ANONYMOUS_ATTRIBUTE = "anonymous"


@dataclass(frozen=True)
class Viewer:
    """Who is reading: the public, an API key's system, or a logged-in staff member."""

    kind: str  # "public", "key", "staff"
    scope_path: str | None = None  # the subtree seen in full (None: none)
    everything: bool = False  # superusers

    def sees_in_full(self, report: Report) -> bool:
        if self.everything:
            return True
        return self.scope_path is not None and report.grid.path.startswith(self.scope_path)


def open311_status(report: Report) -> str:
    return "closed" if report.status in CLOSED_STATUSES else "open"


def service(category: Category) -> dict[str, Any]:
    keywords = ", ".join(category.keywords.split())
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": True,  # every service takes attribute[grid_code]
        "type": "realtime",
        "keywords": keywords,
        "group": category.get_kind_display(),
    }


def service_definition(category: Category) -> dict[str, Any]:
    """The attributes a POST takes for ``category`` (the same for every service)."""
    return {
        "service_code": category.code,
        "attributes": [
            {"variable": True, "code": GRID_ATTRIBUTE, "datatype": "string", "required": True,
             "datatype_description": _("网格或区划编码，12 位及以上数字"),
             "order": 1,
             "description": _("问题发生地所在网格的编码，须在接口密钥的授权区域内。")},
            {"variable": True, "code": URGENCY_ATTRIBUTE, "datatype": "singlevaluelist",
             "required": False, "datatype_description": None, "order": 2,
             "description": _("紧急程度；不填则按该类别的默认紧急程度。"),
             "values": [{"key": value, "name": str(label)} for value, label in Urgency.choices]},
            {"variable": True, "code": ANONYMOUS_ATTRIBUTE, "datatype": "singlevaluelist",
             "required": False, "datatype_description": None, "order": 3,
             "description": _("是否对公众匿名（不公开详细地点和坐标）。"),
             "values": [{"key": "true", "name": _("匿名")}, {"key": "false", "name": _("不匿名")}]},
        ],
    }


def agency(report: Report) -> str:
    if report.handling_body_id:
        return report.handling_body.name
    if report.handling_grid_id:
        return report.handling_grid.organisation or report.handling_grid.name
    return ""


def status_notes(report: Report) -> str:
    if report.status == S.MERGED and report.merged_into_id:
        return _("与其他报事重复，已合并至 %(code)s。") % {"code": report.merged_into.code}
    return str(report.get_status_display())


def _rounded(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(PUBLIC_COORDINATE_STEP, rounding=ROUND_HALF_UP)


def request(report: Report, viewer: Viewer, media_base: str) -> dict[str, Any]:
    """One ``<request>``: never the reporter; anonymous reports blurred for outsiders."""
    full = viewer.sees_in_full(report) or not report.anonymous
    closed = open311_status(report) == "closed"
    photos = list(report.photos.all())  # prefetched by the caller
    document: dict[str, Any] = {
        "service_request_id": report.code,
        "status": open311_status(report),
        "status_notes": status_notes(report),
        "service_name": report.category.name,
        "service_code": report.category.code,
        "description": report.description,
        "agency_responsible": agency(report),
        "service_notice": "",
        "requested_datetime": w3c(report.created_at),
        "updated_datetime": w3c(report.closed_at or report.resolved_at or report.updated_at
                                if closed else report.updated_at),
        "expected_datetime": None if closed else w3c(report.due_at),
        # Outsiders get the grid's name instead of an anonymous reporter's address.
        "address": report.address if full else report.grid.name,
        "address_id": report.grid.code,
        "zipcode": "",
        "lat": report.latitude if full else _rounded(report.latitude),
        "long": report.longitude if full else _rounded(report.longitude),
        "media_url": f"{media_base}{photos[0].image.url}" if photos else "",
    }
    return document
