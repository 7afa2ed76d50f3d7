"""预约法官: the only code that books, cancels and records a booking as held.

No double booking: ``book`` locks the slot row (``select_for_update`` on
PostgreSQL; SQLite transactions are ``BEGIN IMMEDIATE``) and looks for an active
booking inside that transaction; the partial unique constraint
``court_one_active_booking_per_slot`` is the backstop, turned into the same
Chinese message. Who may book for whom: a resident for themselves; a grid
worker (or other grid staff) for a resident living in their scope subtree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.grids.models import Grid
from core.grids.scoping import can_access, scope_queryset
from core.notifications.services import notify

from .conf import cancel_cutoff_hours
from .models import Booking, BookingStatus, DisputeType, JudgeProfile, Slot
from .models.booking import ACTIVE

SOURCE = "court"
FOCUS_MAX = 1000
# Staff roles that may book a judge for a resident of their subtree (代为预约).
ON_BEHALF_ROLES = ("grid_worker", "grid_head", "cadre", "town_operator")


class CourtError(ValidationError):
    """An action that was refused; nothing was changed. The message is for residents."""


@dataclass(frozen=True)
class BookingRequest:
    slot_id: int
    dispute_type: str
    focus: str
    report_id: int | None = None
    resident_id: int | None = None  # set when a grid worker books for a resident


# --- judges and slots --------------------------------------------------------------


def active_judges() -> QuerySet[JudgeProfile]:
    return JudgeProfile.objects.filter(active=True, user__is_active=True).select_related("user")


def judges_for(grid: Grid | None) -> QuerySet[JudgeProfile]:
    """Judges paired with ``grid``'s village/community (or any node above it)."""
    if grid is None:
        return JudgeProfile.objects.none()
    paired = JudgeProfile.paired_grids.through.objects.filter(
        judgeprofile_id=OuterRef("pk"), grid__path__in=grid.chain_paths())
    return active_judges().filter(Exists(paired)).order_by("court", "pk")


def free_slots(judges: QuerySet[JudgeProfile] | None = None) -> QuerySet[Slot]:
    """Future slots with no active booking, soonest first."""
    taken = Booking.objects.filter(slot=OuterRef("pk"), status__in=ACTIVE)
    slots = (Slot.objects.filter(starts_at__gt=timezone.now(), judge__active=True)
             .exclude(Exists(taken)).select_related("judge__user"))
    if judges is not None:
        slots = slots.filter(judge__in=judges)
    return slots.order_by("starts_at", "pk")


def slot_label(slot: Slot) -> str:
    start, end = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
    return f"{start:%m月%d日 %H:%M}–{end:%H:%M}"


# --- who may book for whom ---------------------------------------------------------


def may_book_for_others(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_role(*ON_BEHALF_ROLES)
                and user.scope_grid_id)


def residents_for(user: Any) -> QuerySet:
    """Residents a staff user may book for: those living in their scope subtree."""
    residents = get_user_model().objects.filter(is_active=True, home_grid__isnull=False)
    return scope_queryset(user, residents, "home_grid").select_related("home_grid")


def _resident_for(actor: Any, resident_id: int | None) -> Any:
    if resident_id is None or resident_id == actor.pk:
        return actor
    if not may_book_for_others(actor):
        raise CourtError(_("只有网格工作人员可以代居民预约。"))
    resident = residents_for(actor).filter(pk=resident_id).first()
    if resident is None:
        raise CourtError(_("只能为本人负责网格内的居民代为预约。"))
    return resident


def _report_for(report_id: int | None, resident: Any, actor: Any):
    """A report the booking may link to: the resident's own, or one in the actor's scope."""
    if report_id is None:
        return None
    from plugins.reports.models import Report

    report = Report.objects.filter(pk=report_id).select_related("grid").first()
    if report is None:
        raise CourtError(_("关联的报事不存在。"))
    own = report.reporter_id == resident.pk
    if not own and not (actor.pk != resident.pk and can_access(actor, report, "grid")):
        raise CourtError(_("只能关联本人的报事，或您负责网格内的报事。"))
    return report


def _check_request(data: BookingRequest) -> str:
    if data.dispute_type not in DisputeType.values:
        raise CourtError(_("请选择纠纷类型。"))
    focus = (data.focus or "").strip()
    if len(focus) < 5:
        raise CourtError(_("请简要写明纠纷焦点（不少于5个字）。"))
    if len(focus) > FOCUS_MAX:
        raise CourtError(_("纠纷焦点不能超过%(n)s字。") % {"n": FOCUS_MAX})
    return focus


# --- booking and cancelling --------------------------------------------------------


def book(data: BookingRequest, actor: Any, *, now=None) -> Booking:
    """Book one slot, or raise CourtError; nothing is saved on a refusal."""
    now = now or timezone.now()
    focus = _check_request(data)
    resident = _resident_for(actor, data.resident_id)
    if resident.home_grid_id is None:
        raise CourtError(_("请先选择居住网格，再预约结对法官。"))
    if not resident.is_verified:
        raise CourtError(_("预约法官需要实名认证，请先完成实名认证。"))
    report = _report_for(data.report_id, resident, actor)
    with transaction.atomic():
        # of=("self",): lock the slot only, never the judge or user rows it joins.
        slot = (Slot.objects.select_for_update(of=("self",)).select_related("judge__user")
                .filter(pk=data.slot_id).first())
        if slot is None:
            raise CourtError(_("没有这个预约时段。"))
        if slot.starts_at <= now:
            raise CourtError(_("该时段已过，请选择其他时段。"))
        if not judges_for(resident.home_grid).filter(pk=slot.judge_id).exists():
            raise CourtError(_("只能预约与居民所在村（社区）结对的法官。"))
        if slot.judge.user_id == resident.pk:
            raise CourtError(_("不能预约自己的时段。"))
        if Booking.objects.filter(slot=slot, status__in=ACTIVE).exists():
            raise CourtError(_("该时段已被预约，请选择其他时段。"))
        try:
            with transaction.atomic():
                booking = Booking.objects.create(
                    slot=slot, resident=resident, booked_by=actor, grid=resident.home_grid,
                    dispute_type=data.dispute_type, focus=focus, report=report)
        except IntegrityError:
            raise CourtError(_("该时段已被预约，请选择其他时段。")) from None
        _notify_booked(booking)
    return booking


def _notify_booked(booking: Booking) -> None:
    slot = booking.slot
    url = f"/court/bookings/{booking.pk}/"
    text = _("%(when)s，%(judge)s法官，%(kind)s（%(where)s）。") % {
        "when": slot_label(slot), "judge": slot.judge.name, "kind": slot.get_kind_display(),
        "where": slot.where}
    notify(booking.resident, _("预约法官成功"), text, url=url, source=SOURCE)
    if booking.on_behalf and booking.booked_by is not None:
        notify(booking.booked_by, _("已为居民预约法官"), text, url=url, source=SOURCE)
    notify(slot.judge.user, _("新的法官预约"),
           _("%(when)s，%(type)s：%(resident)s。") % {
               "when": slot_label(slot), "type": booking.get_dispute_type_display(),
               "resident": booking.resident.name},
           url="/admin/court/bookings/", source=SOURCE)


def bookings_visible_to(user: Any) -> QuerySet[Booking]:
    """The resident's own bookings, those they made for others, and the judge's."""
    if not getattr(user, "is_authenticated", False):
        return Booking.objects.none()
    return (Booking.objects.filter(Q(resident=user) | Q(booked_by=user) | Q(slot__judge__user=user))
            .select_related("slot__judge__user", "resident", "booked_by", "report"))


def my_bookings(user: Any) -> QuerySet[Booking]:
    return bookings_visible_to(user).filter(Q(resident=user) | Q(booked_by=user)).order_by(
        "-slot__starts_at")


def cancel(booking_id: int, user: Any, *, config: Mapping[str, Any] | None = None,
           now=None) -> Booking:
    """Cancel before the cut-off (a plugin setting); the judge may cancel any time before."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = (bookings_visible_to(user).select_for_update(of=("self",))
                   .filter(pk=booking_id).first())
        if booking is None:
            raise CourtError(_("没有找到该预约。"))
        if booking.status != BookingStatus.BOOKED:
            raise CourtError(_("该预约已取消或已接待，不能取消。"))
        slot = booking.slot
        is_judge = slot.judge.user_id == user.pk
        hours = cancel_cutoff_hours(config)
        if slot.starts_at <= now:
            raise CourtError(_("预约时间已到，不能取消。"))
        if not is_judge and slot.starts_at - now < timedelta(hours=hours):
            raise CourtError(_("距预约开始已不足%(h)s小时，不能在线取消，请致电法官或联系网格员。")
                             % {"h": hours})
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.cancelled_by = user
        booking.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        text = _("%(when)s 的预约已取消，该时段已重新开放。") % {"when": slot_label(slot)}
        for party in {booking.resident, slot.judge.user, booking.booked_by} - {user, None}:
            notify(party, _("法官预约已取消"), text, url=f"/court/bookings/{booking.pk}/",
                   source=SOURCE)
    return booking


def mark_held(booking_id: int, judge_user: Any) -> Booking:
    """The judge records that the session took place (已接待)."""
    with transaction.atomic():
        booking = (Booking.objects.select_for_update(of=("self",)).select_related("slot__judge")
                   .filter(pk=booking_id, slot__judge__user=judge_user).first())
        if booking is None:
            raise CourtError(_("没有找到该预约。"))
        if booking.status == BookingStatus.HELD:
            return booking
        if booking.status != BookingStatus.BOOKED:
            raise CourtError(_("该预约已取消。"))
        if booking.slot.starts_at > timezone.now():
            raise CourtError(_("预约时间未到，不能标记为已接待。"))
        booking.status = BookingStatus.HELD
        booking.save(update_fields=["status"])
    return booking
