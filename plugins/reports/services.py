"""Business rules of 一键报事 outside status moves: filing, codes, queues and figures.

Status changes live in ``workflow.py``; the SLA sweep in ``sweep.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from core.grids.models import Grid
from core.grids.scoping import scope_queryset, within

from . import notices, routing, rules, sla
from .models import Category, CodeSequence, Report, Transition, Urgency

S = Report.Status
MAX_DESCRIPTION = 2000
DIVISION_DIGITS = 12  # 一事一编码 starts with the 12-digit statistical division code


# --- filing ---------------------------------------------------------------------------

def division_code(grid: Grid) -> str:
    """The grid's code as a 12-digit division code (grids and micro-grids extend it)."""
    return grid.code[:DIVISION_DIGITS].ljust(DIVISION_DIGITS, "0")


def allocate_code(grid: Grid, day: date | None = None) -> str:
    """Next 一事一编码 for ``grid`` today: division code + YYYYMMDD + 4-digit sequence.

    Must run inside the caller's transaction: the counter row stays locked until it
    commits, so concurrent submissions in one division wait for each other instead of
    reading the same number.
    """
    day = day or timezone.localdate()
    prefix = f"{division_code(grid)}{day:%Y%m%d}"
    counter, _created = CodeSequence.objects.select_for_update().get_or_create(prefix=prefix)
    counter.last = F("last") + 1
    counter.save(update_fields=["last"])
    counter.refresh_from_db(fields=["last"])
    return f"{prefix}{counter.last:04d}"


def _clean_submission(*, reporter: Any, category: Any, description: str, grid: Any,
                      urgency: str | None, filed_by: Any, latitude: Any,
                      longitude: Any) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not isinstance(category, Category) or not category.active:
        errors["category"] = _("请选择报事类别。")
    if not description:
        errors["description"] = _("请描述需要反映的问题。")
    elif len(description) > MAX_DESCRIPTION:
        errors["description"] = _("问题描述不能超过 %(n)s 字。") % {"n": MAX_DESCRIPTION}
    if not isinstance(grid, Grid):
        errors["grid"] = _("请选择问题发生的网格。")
    if urgency and urgency not in Urgency.values:
        errors["urgency"] = _("紧急程度无效。")
    if (latitude is None) != (longitude is None):
        errors["latitude"] = _("经纬度需同时填写。")
    elif latitude is not None and not (-90 <= Decimal(str(latitude)) <= 90
                                       and -180 <= Decimal(str(longitude)) <= 180):
        errors["latitude"] = _("经纬度超出范围。")
    if reporter is None or not getattr(reporter, "is_active", False):
        errors["reporter"] = _("报事人账号无效。")
    if filed_by is not None:
        if filed_by.pk == getattr(reporter, "pk", None):
            errors["filed_by"] = _("代为报事时报事人不能是工作人员本人。")
        elif not (filed_by.has_role(*rules.GRID_TEAM, "administrator")
                  and isinstance(grid, Grid) and rules.in_scope(filed_by, grid)):
            errors["filed_by"] = _("您只能为负责区域内的居民代为报事。")
    return errors


def submit_report(*, reporter: Any, category: Category, description: str, grid: Grid,
                  address: str = "", latitude: Any = None, longitude: Any = None,
                  anonymous: bool = False, urgency: str | None = None,
                  photos: Iterable[Any] = (), filed_by: Any = None,
                  source: str = Report.Source.APP) -> Report:
    """File a report: validate, allocate its code, route it, set the SLA — all or nothing.

    ``photos`` are uploads or ``photos.PreparedPhoto`` objects (validated and
    EXIF-stripped by ``photos.py``); a bad photo raises ``ValidationError`` and
    nothing is saved.
    """
    description = (description or "").strip()
    errors = _clean_submission(reporter=reporter, category=category, description=description,
                               grid=grid, urgency=urgency, filed_by=filed_by,
                               latitude=latitude, longitude=longitude)
    if errors:
        raise ValidationError(errors)
    from . import photos as photo_service

    photos = list(photos or ())
    # Forms hand over photos already prepared (validated, EXIF stripped); other callers
    # (API, Open311) pass raw uploads.
    raw = [photo for photo in photos if not isinstance(photo, photo_service.PreparedPhoto)]
    prepared = [photo for photo in photos if isinstance(photo, photo_service.PreparedPhoto)]
    if raw:
        prepared += photo_service.prepare_all(raw)
    if filed_by is not None and source == Report.Source.APP:
        source = Report.Source.ON_BEHALF
    with photo_service.files_removed_on_error() as stored, transaction.atomic():
        report = Report(
            category=category, description=description, address=(address or "").strip()[:200],
            latitude=latitude, longitude=longitude, grid=grid, reporter=reporter,
            filed_by=filed_by, anonymous=bool(anonymous),
            urgency=urgency or category.default_urgency, source=source,
            status=S.SUBMITTED, code=allocate_code(grid),
        )
        # The grid team that will accept it (routing is data: a rule may name another body).
        route = routing.route(report, S.GRID_ACCEPTED)
        report.handling_grid, report.handling_body = route.grid, route.body
        report.due_at, missing = sla.deadline(report)
        report.save()
        details = {"calendar_missing": missing} if missing else {}
        if filed_by is not None:
            details["filed_by"] = filed_by.pk
        Transition.objects.create(
            report=report, from_status="", to_status=S.SUBMITTED,
            actor=filed_by or reporter, actor_label=notices.actor_label(filed_by or reporter,
                                                                        report),
            note=_("工作人员代为报事") if filed_by is not None else "", details=details,
        )
        if prepared:
            photo_service.attach(report, prepared, stored)
        notices.submitted(report)
    return report


# --- queries --------------------------------------------------------------------------

def visible_to_staff(user: Any) -> QuerySet[Report]:
    """Reports in the staff user's subtree (nothing for residents and visitors)."""
    return scope_queryset(user, Report.objects.all(), "grid")


def reports_of(user: Any) -> QuerySet[Report]:
    """A resident's own reports, newest first."""
    return Report.objects.filter(reporter=user).select_related("category").order_by(
        "-created_at")


URGENCY_RANK = Case(When(urgency=Urgency.RED, then=Value(0)),
                    When(urgency=Urgency.YELLOW, then=Value(1)),
                    default=Value(2), output_field=IntegerField())


def queue(user: Any, *, status: str = "", category: Any = None, urgency: str = "",
          active_only: bool = True) -> QuerySet[Report]:
    """The staff queue: overdue first, then red → green, then the nearest deadline."""
    reports = visible_to_staff(user).select_related(
        "category", "grid", "handling_grid", "handling_body", "assignee")
    if status:
        reports = reports.filter(status=status)
    elif active_only:
        reports = reports.filter(status__in=[S.SUBMITTED, *rules.HANDLING])
    if category:
        reports = reports.filter(category=category)
    if urgency:
        reports = reports.filter(urgency=urgency)
    return reports.annotate(urgency_rank=URGENCY_RANK).order_by(
        "-is_overdue", "urgency_rank", F("due_at").asc(nulls_last=True), "created_at", "pk")


def residents_for(user: Any, query: str) -> QuerySet[Any]:
    """Residents of the staff user's subtree matching a mobile number or name (代为报事)."""
    from django.contrib.auth import get_user_model

    query = (query or "").strip()
    users = scope_queryset(user, get_user_model().objects.filter(is_active=True), "home_grid")
    if not query:
        return users.none()
    return users.filter(Q(mobile=query) | Q(name__contains=query)).select_related(
        "home_grid").order_by("name")[:20]


# --- figures --------------------------------------------------------------------------

def _period(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (datetime.combine(start, time.min, tzinfo=tz),
            datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz))


def _rate(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _counts() -> dict[str, Count]:
    """The counts every figure is computed from, as aggregate expressions."""
    done = Q(status__in=[S.RESOLVED, S.CLOSED])
    dispute = Q(category__kind=Category.Kind.DISPUTE)
    return {
        "filed": Count("pk"),
        "rejected": Count("pk", filter=Q(status=S.REJECTED)),
        "merged": Count("pk", filter=Q(status=S.MERGED)),
        "concluded": Count("pk", filter=done),
        "rated": Count("pk", filter=~Q(rating="") & done),
        "satisfied": Count("pk", filter=Q(rating__in=[Report.Rating.SATISFIED,
                                                      Report.Rating.FAIRLY]) & done),
        "disputes": Count("pk", filter=dispute & ~Q(status__in=[S.REJECTED, S.MERGED])),
        "disputes_pre_litigation": Count(
            "pk", filter=dispute & done & Q(resolution__in=rules.PRE_LITIGATION)),
        "overdue": Count("pk", filter=Q(is_overdue=True)),
    }


def _with_rates(counts: dict[str, Any]) -> dict[str, Any]:
    cases = counts["filed"] - counts["rejected"] - counts["merged"]
    return {
        **counts,
        "cases": cases,
        "closure_rate": _rate(counts["concluded"], cases),
        "satisfaction_rate": _rate(counts["satisfied"], counts["rated"]),
        "pre_litigation_rate": _rate(counts["disputes_pre_litigation"], counts["disputes"]),
    }


def _filed_in(grid: Grid, start: date, end: date) -> QuerySet[Report]:
    since, until = _period(start, end)
    return Report.objects.filter(within(grid), created_at__gte=since, created_at__lt=until)


def figures(grid: Grid, start: date, end: date) -> dict[str, Any]:
    """办结率, 好评率 and 诉前化解率 for reports filed in ``grid``'s subtree in [start, end].

    Rejected and merged reports are not cases and count in no rate. Rates are
    percentages with two decimals (None when nothing was counted). One query.
    """
    counts = _filed_in(grid, start, end).aggregate(**_counts())
    return {**_with_rates(counts), "grid": grid, "start": start, "end": end}


def figures_by_child(grid: Grid, start: date, end: date) -> list[dict[str, Any]]:
    """The same figures for each child node of ``grid`` (two queries, however many children).

    Children's paths all have the same length, so grouping by that prefix of the
    report grid's path puts every report under the child subtree it belongs to.
    """
    children = list(grid.get_children())
    if not children:
        return []
    width = len(children[0].path)
    rows = (_filed_in(grid, start, end).exclude(grid=grid)
            .annotate(branch=Substr("grid__path", 1, width)).values("branch")
            .annotate(**_counts()).order_by())
    by_branch = {row.pop("branch"): row for row in rows}
    empty = dict.fromkeys(_counts(), 0)
    return [{**_with_rates(by_branch.get(child.path, empty)), "grid": child}
            for child in children]
