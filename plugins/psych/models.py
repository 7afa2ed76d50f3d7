"""嘉心在线 records. Notes and messages are Fernet-encrypted at rest (core.identity.crypto).

Counselling records are private by construction: no model here is registered in
the Wagtail admin or in search, and every read goes through services that filter
by the requesting user's own identity, never by permissions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.identity.crypto import decrypt, encrypt


class Mode(models.TextChoices):
    ONLINE = "online", _("线上")
    IN_PERSON = "in_person", _("面询")


class ScaleResult(models.Model):
    """Only the score, band and date: the answers themselves are not kept."""

    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="psych_results")
    scale = models.CharField(_("量表"), max_length=10)
    score = models.PositiveSmallIntegerField(_("总分"))
    band = models.CharField(_("程度"), max_length=20)
    created_at = models.DateTimeField(_("测评时间"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("自评结果")
        verbose_name_plural = _("自评结果")


class CounselorProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="psych_profile")
    display_name = models.CharField(_("称呼"), max_length=40)
    intro = models.TextField(_("简介"), blank=True)
    specialties = models.CharField(_("擅长领域"), max_length=200, blank=True,
                                   help_text=_("用顿号或逗号分隔"))
    online = models.BooleanField(_("提供线上咨询"), default=True)
    in_person = models.BooleanField(_("提供面询"), default=False)
    place = models.CharField(_("面询地点"), max_length=120, blank=True)
    active = models.BooleanField(_("接受预约"), default=True)

    class Meta:
        verbose_name = _("心理咨询师")
        verbose_name_plural = _("心理咨询师")

    def __str__(self) -> str:
        return self.display_name

    @property
    def specialty_list(self) -> list[str]:
        return [s.strip() for s in self.specialties.replace("，", "、").replace(",", "、").split("、")
                if s.strip()]


WEEKDAYS = [(0, _("星期一")), (1, _("星期二")), (2, _("星期三")), (3, _("星期四")),
            (4, _("星期五")), (5, _("星期六")), (6, _("星期日"))]


class WeeklyAvailability(models.Model):
    """A recurring weekly time the counselor receives; slots are published from these."""

    profile = models.ForeignKey(CounselorProfile, on_delete=models.CASCADE, related_name="weekly")
    weekday = models.PositiveSmallIntegerField(_("星期"), choices=WEEKDAYS)
    start = models.TimeField(_("开始时间"))
    minutes = models.PositiveSmallIntegerField(_("时长（分钟）"), default=50)
    mode = models.CharField(_("方式"), max_length=10, choices=Mode.choices, default=Mode.ONLINE)

    class Meta:
        ordering = ["weekday", "start"]
        constraints = [models.UniqueConstraint(fields=["profile", "weekday", "start"],
                                               name="psych_weekly_unique")]


class Slot(models.Model):
    profile = models.ForeignKey(CounselorProfile, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("开始时间"))
    minutes = models.PositiveSmallIntegerField(_("时长（分钟）"), default=50)
    mode = models.CharField(_("方式"), max_length=10, choices=Mode.choices, default=Mode.ONLINE)

    class Meta:
        ordering = ["starts_at"]
        constraints = [models.UniqueConstraint(fields=["profile", "starts_at"],
                                               name="psych_slot_unique")]


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("已预约")
    CANCELLED = "cancelled", _("已取消")


class Appointment(models.Model):
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="appointments")
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="psych_appointments")
    status = models.CharField(max_length=10, choices=AppointmentStatus.choices,
                              default=AppointmentStatus.BOOKED)
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Set once when the day-before reminder goes out (psych_send_reminders).
    reminded_at = models.DateTimeField(null=True, blank=True)
    note_encrypted = models.TextField(blank=True, help_text="咨询师笔记（加密），仅该咨询师可见")

    class Meta:
        ordering = ["-slot__starts_at"]
        constraints = [models.UniqueConstraint(
            fields=["slot"], condition=Q(status="booked"), name="psych_one_booking_per_slot")]

    @property
    def counselor(self):
        return self.slot.profile.user

    @property
    def note(self) -> str:
        return decrypt(self.note_encrypted) if self.note_encrypted else ""

    @note.setter
    def note(self, text: str) -> None:
        self.note_encrypted = encrypt(text) if text else ""


class Message(models.Model):
    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    body_encrypted = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    @property
    def body(self) -> str:
        return decrypt(self.body_encrypted)


class Question(models.Model):
    """匿名提问: linked to the asker for abuse handling, never shown with it."""

    asker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="psych_questions")
    title = models.CharField(_("标题"), max_length=80)
    body = models.TextField(_("问题描述"), max_length=2000)
    answer = models.TextField(_("回答"), blank=True)
    answered_by = models.ForeignKey(CounselorProfile, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="answers")
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-answered_at", "-created_at"]
