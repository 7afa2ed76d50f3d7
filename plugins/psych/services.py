"""嘉心在线 services: the only code that books, cancels, writes notes and messages.

No double booking: ``book`` locks the slot row (``select_for_update`` on
PostgreSQL; SQLite transactions are ``BEGIN IMMEDIATE``) and checks for a live
booking inside that transaction; the partial unique constraint (one "booked"
appointment per slot) is the backstop.

Privacy: appointments are looked up through :func:`appointment_for`, which only
matches the resident or the counselor of the appointment, whatever the caller's
permissions (superusers included). Notes: the counselor only.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.identity.crypto import encrypt
from core.identity.roles import GROUP_NAMES
from core.notifications.services import notify

from .models import (
    Appointment,
    AppointmentStatus,
    CounselorProfile,
    Message,
    Question,
    ScaleResult,
    Slot,
)
from .scales import SCALES

MESSAGE_MAX = 2000
SOURCE = "psych"


class PsychError(ValidationError):
    """An action that was refused; nothing was changed. The message is for residents."""


# --- scales ---------------------------------------------------------------------


def record_result(user: Any, code: str, answers: list[int]) -> tuple[ScaleResult, bool]:
    """Score a completed scale; keep only score, band and date. Returns (result, risk)."""
    scale = SCALES[code]
    score = scale.score(answers)
    result = ScaleResult.objects.create(resident=user, scale=code, score=score,
                                        band=scale.band(score))
    return result, scale.is_risk(answers)


# --- counselors and slots --------------------------------------------------------


def in_counselor_group(user: Any) -> bool:
    return user.is_authenticated and user.groups.filter(name=GROUP_NAMES["counselor"]).exists()


def is_counselor(user: Any) -> bool:
    """In the 心理咨询师 group and has a profile (answers questions, receives bookings)."""
    return in_counselor_group(user) and CounselorProfile.objects.filter(user=user).exists()


def active_profiles() -> QuerySet[CounselorProfile]:
    return CounselorProfile.objects.filter(
        active=True, user__is_active=True, user__groups__name=GROUP_NAMES["counselor"]).distinct()


def free_slots(profile: CounselorProfile | None = None) -> QuerySet[Slot]:
    """Future slots of accepting counselors with no live booking."""
    booked = Appointment.objects.filter(slot=OuterRef("pk"), status=AppointmentStatus.BOOKED)
    slots = (Slot.objects.filter(starts_at__gt=timezone.now(), profile__in=active_profiles())
             .exclude(Exists(booked)).select_related("profile"))
    return slots.filter(profile=profile) if profile is not None else slots


def earliest_free_slot() -> Slot | None:
    return free_slots().order_by("starts_at").first()


def publish_week(profile: CounselorProfile, monday: date) -> list[Slot]:
    """Create the week's future slots from the weekly availability (idempotent)."""
    created = []
    tz = timezone.get_current_timezone()
    now = timezone.now()
    for item in profile.weekly.all():
        starts = datetime.combine(monday + timedelta(days=item.weekday), item.start, tzinfo=tz)
        if starts <= now:
            continue
        slot, new = Slot.objects.get_or_create(profile=profile, starts_at=starts, defaults={
            "minutes": item.minutes, "mode": item.mode})
        if new:
            created.append(slot)
    return created


def publish_weeks(profile: CounselorProfile, weeks: int = 2) -> list[Slot]:
    """This week's remaining slots and the next ``weeks - 1`` weeks'."""
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    created: list[Slot] = []
    for week in range(weeks):
        created += publish_week(profile, monday + timedelta(days=7 * week))
    return created


# --- appointments ----------------------------------------------------------------


def appointment_for(user: Any, pk: int) -> Appointment:
    """The appointment if ``user`` is its resident or its counselor; otherwise 404."""
    if not user.is_authenticated:
        raise Http404
    found = (Appointment.objects.select_related("slot__profile__user", "resident")
             .filter(Q(resident=user) | Q(slot__profile__user=user), pk=pk).first())
    if found is None:
        raise Http404
    return found


def my_appointments(user: Any) -> QuerySet[Appointment]:
    return (Appointment.objects.filter(resident=user)
            .select_related("slot__profile").order_by("-slot__starts_at"))


def counselor_appointments(user: Any) -> QuerySet[Appointment]:
    return (Appointment.objects.filter(slot__profile__user=user)
            .select_related("slot__profile", "resident").order_by("slot__starts_at"))


def book(slot_pk: int, resident: Any) -> Appointment:
    with transaction.atomic():
        slot = (Slot.objects.select_for_update().select_related("profile__user")
                .filter(pk=slot_pk).first())
        if slot is None:
            raise PsychError(_("没有这个预约时段。"))
        if slot.starts_at <= timezone.now():
            raise PsychError(_("该时段已过，请选择其他时段。"))
        if not active_profiles().filter(pk=slot.profile_id).exists():
            raise PsychError(_("该咨询师暂停接受预约。"))
        if slot.profile.user_id == resident.pk:
            raise PsychError(_("不能预约自己的时段。"))
        if slot.appointments.filter(status=AppointmentStatus.BOOKED).exists():
            raise PsychError(_("该时段已被预约，请选择其他时段。"))
        try:
            with transaction.atomic():
                appointment = Appointment.objects.create(slot=slot, resident=resident)
        except IntegrityError:
            raise PsychError(_("该时段已被预约，请选择其他时段。")) from None
        _remind(appointment)
    return appointment


def slot_time_label(slot: Slot) -> str:
    return timezone.localtime(slot.starts_at).strftime("%m月%d日 %H:%M")


def _remind(appointment: Appointment) -> None:
    slot = appointment.slot
    url = reverse("psych:appointment", args=[appointment.pk])
    notify(appointment.resident, _("心理咨询预约成功"),
           _("%(when)s，%(name)s（%(mode)s）。如需取消请提前操作。") % {
               "when": slot_time_label(slot), "name": slot.profile.display_name,
               "mode": slot.get_mode_display()}, url=url, source=SOURCE)
    # The counselor learns of a booking, not who made it (the name is on the page).
    notify(slot.profile.user, _("新的心理咨询预约"), _("%(when)s 有一位居民预约。") % {
        "when": slot_time_label(slot)}, url=url, source=SOURCE)


def cancel(appointment_pk: int, user: Any) -> Appointment:
    with transaction.atomic():
        appointment = (Appointment.objects.select_for_update()
                       .filter(Q(resident=user) | Q(slot__profile__user=user), pk=appointment_pk)
                       .first())
        if appointment is None:
            raise Http404
        if appointment.status != AppointmentStatus.BOOKED:
            raise PsychError(_("该预约已取消。"))
        slot = Slot.objects.select_related("profile__user").get(pk=appointment.slot_id)
        if slot.starts_at <= timezone.now():
            raise PsychError(_("咨询已开始或已结束，不能取消。"))
        appointment.status = AppointmentStatus.CANCELLED
        appointment.cancelled_at = timezone.now()
        appointment.save(update_fields=["status", "cancelled_at"])
        other = slot.profile.user if user.pk == appointment.resident_id else appointment.resident
        notify(other, _("心理咨询预约已取消"), _("%(when)s 的预约已取消。") % {"when": slot_time_label(slot)},
               source=SOURCE)
    return appointment


def save_note(appointment_pk: int, user: Any, text: str) -> Appointment:
    """Only the appointment's counselor writes (and reads) its note."""
    appointment = Appointment.objects.filter(pk=appointment_pk, slot__profile__user=user).first()
    if appointment is None:
        raise Http404
    appointment.note = text.strip()
    appointment.save(update_fields=["note_encrypted"])
    return appointment


def send_message(appointment: Appointment, sender: Any, text: str) -> Message:
    """``appointment`` must come from :func:`appointment_for` for ``sender``."""
    text = text.strip()
    if not text:
        raise PsychError(_("请输入内容。"))
    if len(text) > MESSAGE_MAX:
        raise PsychError(_("内容不能超过%(n)s字。") % {"n": MESSAGE_MAX})
    if appointment.status != AppointmentStatus.BOOKED:
        raise PsychError(_("该预约已取消，不能再发送消息。"))
    message = Message.objects.create(appointment=appointment, sender=sender,
                                     body_encrypted=encrypt(text))
    counselor = appointment.slot.profile.user
    other = counselor if sender.pk == appointment.resident_id else appointment.resident
    notify(other, _("嘉心在线有新消息"), "", source=SOURCE,
           url=reverse("psych:appointment", args=[appointment.pk]))
    return message


# --- anonymous questions ---------------------------------------------------------


def ask(user: Any, title: str, body: str) -> Question:
    title, body = title.strip(), body.strip()
    if not title or not body:
        raise PsychError(_("请填写标题和问题描述。"))
    return Question.objects.create(asker=user, title=title[:80], body=body[:2000])


def answered_questions() -> QuerySet[Question]:
    return (Question.objects.exclude(answer="").select_related("answered_by")
            .order_by("-answered_at"))


def answer(question_pk: int, user: Any, text: str) -> Question:
    profile = CounselorProfile.objects.filter(user=user).first()
    if profile is None or not is_counselor(user):
        raise Http404
    text = text.strip()
    if not text:
        raise PsychError(_("请填写回答。"))
    with transaction.atomic():
        question = Question.objects.select_for_update().filter(pk=question_pk).first()
        if question is None:
            raise Http404
        question.answer, question.answered_by = text, profile
        question.answered_at = timezone.now()
        question.save(update_fields=["answer", "answered_by", "answered_at"])
    notify(question.asker, _("您的匿名提问已有回答"), question.title, source=SOURCE,
           url=reverse("psych:question", args=[question.pk]))
    return question
