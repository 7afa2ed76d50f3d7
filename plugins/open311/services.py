"""Open311 business rules: who sees which reports, the GET filters, and filing a request.

Errors are ``Open311Error`` (HTTP status + Chinese description); the views turn them
into the spec's ``<errors>`` document.

Visibility: everyone sees reports of public categories (``Category.is_public``),
except refused and merged ones; an API key also sees every report in its grid
subtree, a logged-in staff member every report in their ``scope_grid`` subtree
(through ``core.grids.scoping``).

Where a POSTed report happened: ``attribute[grid_code]`` (or, as the spec's
``address_id``, the same code) names a grid node inside the key's subtree. There
is no default: a hotline covering a whole district must say which grid, so the
right grid team gets the case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from core.grids.models import Grid
from core.grids.scoping import scope_queryset, user_scope, within
from plugins.reports.models import Category, Report, Urgency
from plugins.reports.services import submit_report

from .documents import (
    ANONYMOUS_ATTRIBUTE,
    CLOSED_STATUSES,
    GRID_ATTRIBUTE,
    URGENCY_ATTRIBUTE,
    Viewer,
)
from .models import ApiKey, Submission

MAX_REQUESTS = 1000  # the spec's default query limit
MAX_SPAN = timedelta(days=90)  # the spec's default and maximum date range
MAX_DESCRIPTION = 2000  # the reports plugin's limit (the spec allows up to 4,000)
JURISDICTION_DIGITS = 12


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def viewer_for(user: Any, api_key: ApiKey | None) -> Viewer:
    """A key outranks the session: a system calling with a key sees what the key allows."""
    if api_key is not None:
        return Viewer("key", scope_path=api_key.grid.path)
    if user is not None and user.is_authenticated and user.is_staff and user.is_active:
        if user.is_superuser:
            return Viewer("staff", everything=True)
        scope = user_scope(user)
        return Viewer("staff", scope_path=scope.path if scope is not None else None)
    return Viewer("public")


def jurisdiction(value: str | None) -> Grid | None:
    """The division node ``jurisdiction_id`` names (12-digit code); None when not given."""
    if not value:
        return None
    grid = None
    if len(value) == JURISDICTION_DIGITS and value.isdigit():
        grid = Grid.objects.filter(code=value).first()
    if grid is None:
        raise Open311Error(404, _("jurisdiction_id “%(id)s” 不存在：应为本平台所辖区域的 12 位区划代码。")
                           % {"id": value[:40]})
    return grid


def active_services() -> QuerySet[Category]:
    return Category.objects.filter(active=True).order_by("order", "pk")


def service_by_code(code: str) -> Category:
    category = active_services().filter(code=code).first()
    if category is None:
        raise Open311Error(404, _("service_code “%(code)s” 不存在。") % {"code": code[:60]})
    return category


def visible_reports(viewer: Viewer, user: Any, api_key: ApiKey | None) -> QuerySet[Report]:
    public = Report.objects.filter(category__is_public=True).exclude(
        status__in=[Report.Status.REJECTED, Report.Status.MERGED])
    if api_key is not None:
        reports = public | Report.objects.filter(within(api_key.grid))
    elif viewer.kind == "staff":
        reports = public | scope_queryset(user, Report.objects.all(), "grid")
    else:
        reports = public
    return reports.select_related(
        "category", "grid", "handling_body", "handling_grid", "merged_into",
    ).prefetch_related("photos")


def _csv(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _w3c(params: Any, name: str) -> datetime | None:
    raw = params.get(name)
    if not raw:
        return None
    try:
        moment = parse_datetime(raw.replace(" ", "+"))  # a "+" in a query string arrives as " "
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise Open311Error(400, _("%(name)s 须为带时区的 W3C 时间格式，如 2026-11-01T00:00:00+08:00。")
                           % {"name": name})
    return moment


def filter_requests(reports: QuerySet[Report], params: Any) -> QuerySet[Report]:
    """Apply the spec's GET filters; the newest first, at most ``MAX_REQUESTS``."""
    ids = _csv(params.get("service_request_id"))
    if ids:  # "This overrides all other arguments."
        return reports.filter(code__in=ids[:MAX_REQUESTS]).order_by("-created_at", "-pk")
    codes = _csv(params.get("service_code"))
    if codes:
        reports = reports.filter(category__code__in=codes)
    start, end = _w3c(params, "start_date"), _w3c(params, "end_date")
    if start and end and end < start:
        raise Open311Error(400, _("end_date 不能早于 start_date。"))
    if start and end and end - start > MAX_SPAN:
        raise Open311Error(400, _("start_date 与 end_date 相隔不能超过 90 天。"))
    if start is None and end is None:
        end = timezone.now()
    if start is None:
        start = end - MAX_SPAN
    if end is None:
        end = start + MAX_SPAN
    reports = reports.filter(created_at__gte=start, created_at__lte=end)
    statuses = _csv(params.get("status"))
    if any(status not in ("open", "closed") for status in statuses):
        raise Open311Error(400, _("status 只能是 open 或 closed。"))
    if set(statuses) == {"open"}:
        reports = reports.exclude(status__in=CLOSED_STATUSES)
    elif set(statuses) == {"closed"}:
        reports = reports.filter(status__in=CLOSED_STATUSES)
    return reports.order_by("-created_at", "-pk")[:MAX_REQUESTS]


# -- POST --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Location:
    grid: Grid
    address: str
    latitude: Decimal | None
    longitude: Decimal | None


def _coordinates(params: Any) -> tuple[Decimal | None, Decimal | None]:
    lat, lng = params.get("lat", "").strip(), params.get("long", "").strip()
    if not lat and not lng:
        return None, None
    try:
        latitude, longitude = Decimal(lat), Decimal(lng)
    except InvalidOperation:
        raise Open311Error(400, _("lat 和 long 须同时提供，且为 WGS84 十进制度数。")) from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise Open311Error(400, _("lat/long 超出范围。"))
    return latitude.quantize(Decimal("0.000001")), longitude.quantize(Decimal("0.000001"))


def _location(params: Any, api_key: ApiKey) -> Location:
    latitude, longitude = _coordinates(params)
    address = params.get("address_string", "").strip()
    code = params.get(f"attribute[{GRID_ATTRIBUTE}]", "").strip() or params.get(
        "address_id", "").strip()
    if latitude is None and not address and not code:
        raise Open311Error(400, _("请提供位置：lat 和 long，或 address_string，或 address_id。"))
    if not code:
        raise Open311Error(400, _("请提供 attribute[grid_code]：问题发生地所在网格的编码。"))
    grid = Grid.objects.filter(within(api_key.grid, ""), code=code).first()
    if grid is None:
        raise Open311Error(403, _("网格编码 %(code)s 不存在或不在本接口密钥的授权区域内。")
                           % {"code": code[:40]})
    return Location(grid, address[:200], latitude, longitude)


def _attribute_choice(params: Any, code: str, allowed: list[str]) -> str:
    value = params.get(f"attribute[{code}]", "").strip()
    if value and value not in allowed:
        raise Open311Error(400, _("attribute[%(code)s] 的取值无效。") % {"code": code})
    return value


def create_request(params: Any, api_key: ApiKey | None) -> Report:
    """File the POSTed request as a report — all of it, or nothing (``Open311Error``)."""
    if api_key is None:
        raise Open311Error(403, _("api_key 缺失或无效。"))
    jurisdiction(params.get("jurisdiction_id"))
    code = params.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, _("请提供 service_code。"))
    category = service_by_code(code)
    description = params.get("description", "").strip()
    if not description:
        raise Open311Error(400, _("请提供 description：问题描述。"))
    if len(description) > MAX_DESCRIPTION:
        raise Open311Error(400, _("description 不能超过 %(n)s 字。") % {"n": MAX_DESCRIPTION})
    location = _location(params, api_key)
    urgency = _attribute_choice(params, URGENCY_ATTRIBUTE, list(Urgency.values)) or None
    anonymous = _attribute_choice(params, ANONYMOUS_ATTRIBUTE, ["true", "false"]) == "true"
    contact = _contact(params)
    try:
        with transaction.atomic():
            report = submit_report(
                reporter=api_key.service_user, category=category, description=description,
                grid=location.grid, address=location.address, latitude=location.latitude,
                longitude=location.longitude, anonymous=anonymous, urgency=urgency,
                source=Report.Source.OPEN311)
            Submission.objects.create(report=report, api_key=api_key, **contact)
    except ValidationError as error:
        raise Open311Error(400, "；".join(error.messages)) from error
    return report


def _contact(params: Any) -> dict[str, str]:
    fields = {"first_name": 50, "last_name": 50, "phone": 30, "account_id": 100,
              "device_id": 100}
    contact = {name: params.get(name, "").strip()[:limit] for name, limit in fields.items()}
    email = params.get("email", "").strip()
    media_url = params.get("media_url", "").strip()
    from django.core.validators import URLValidator, validate_email

    try:
        if email:
            validate_email(email)
        if media_url:
            URLValidator(schemes=["http", "https"])(media_url)
    except ValidationError:
        raise Open311Error(400, _("email 或 media_url 格式无效。")) from None
    return {**contact, "email": email[:254], "media_url": media_url[:500]}


def service_notice(report: Report) -> str:
    """What the caller tells the resident: who handles it, and by when."""
    from .documents import agency
    from .serialise import w3c

    due = timezone.localtime(report.due_at).strftime("%Y-%m-%d %H:%M") if report.due_at else ""
    if due:
        return _("已登记为 %(code)s，由%(agency)s受理，办理期限 %(due)s（%(w3c)s）。") % {
            "code": report.code, "agency": agency(report), "due": due, "w3c": w3c(report.due_at)}
    return _("已登记为 %(code)s，由%(agency)s受理。") % {"code": report.code,
                                                     "agency": agency(report)}
