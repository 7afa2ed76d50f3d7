"""预约法官: slots a judge publishes and the bookings residents make on them.

No double booking: the partial unique constraint allows one *active* booking
(booked or held) per slot, whatever the code does; ``services.book`` also locks
the slot row so that concurrent requests are decided one after another with a
clear message instead of an IntegrityError.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.grids.models import Grid

from .judges import JudgeProfile


class SlotKind(models.TextChoices):
    CONSULTATION = "consultation", _("法律咨询")
    PRE_MEDIATION = "pre_mediation", _("诉前调解")


class SlotMode(models.TextChoices):
    ONLINE = "online", _("线上视频")
    SHARED_COURT = "shared_court", _("共享法庭")


class Slot(models.Model):
    judge = models.ForeignKey(JudgeProfile, verbose_name=_("法官"), on_delete=models.CASCADE,
                              related_name="slots")
    starts_at = models.DateTimeField(_("开始时间"), db_index=True)
    ends_at = models.DateTimeField(_("结束时间"))
    kind = models.CharField(_("类型"), max_length=16, choices=SlotKind.choices,
                            default=SlotKind.CONSULTATION)
    mode = models.CharField(_("方式"), max_length=16, choices=SlotMode.choices,
                            default=SlotMode.SHARED_COURT)
    place = models.CharField(_("地点"), max_length=120, blank=True,
                             help_text=_("共享法庭的地址；线上视频可留空（默认用法官资料中的地点）。"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True,
                                   blank=True, editable=False, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("发布时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("预约时段")
        verbose_name_plural = _("预约时段")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                   name="court_slot_ends_after_start"),
            models.UniqueConstraint(fields=["judge", "starts_at"], name="court_slot_unique_start"),
        ]

    def __str__(self) -> str:
        from django.utils import timezone

        return f"{self.judge.name} {timezone.localtime(self.starts_at):%m-%d %H:%M} {self.get_kind_display()}"

    @property
    def where(self) -> str:
        if self.mode == SlotMode.ONLINE:
            return str(_("线上视频（预约后法官联系您）"))
        return self.place or self.judge.shared_court_place or self.judge.court


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("已预约")
    HELD = "held", _("已接待")
    CANCELLED = "cancelled", _("已取消")


# Statuses that hold the slot: at most one booking per slot may be in them.
ACTIVE = (BookingStatus.BOOKED.value, BookingStatus.HELD.value)


class DisputeType(models.TextChoices):
    MARRIAGE = "marriage", _("婚姻家庭（含彩礼）")
    SUPPORT = "support", _("赡养抚养")
    NEIGHBOUR = "neighbour", _("邻里相邻关系")
    LABOUR = "labour", _("劳动报酬")
    PROPERTY_FEE = "property_fee", _("物业服务")
    LOAN = "loan", _("民间借贷")
    CONTRACT = "contract", _("合同纠纷")
    TORT = "tort", _("人身财产损害")
    LAND = "land", _("土地承包与宅基地")
    OTHER = "other", _("其他")


class Booking(models.Model):
    slot = models.ForeignKey(Slot, verbose_name=_("时段"), on_delete=models.PROTECT,
                             related_name="bookings")
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("当事居民"),
                                 on_delete=models.CASCADE, related_name="court_bookings")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("预约人"),
                                  on_delete=models.SET_NULL, null=True, related_name="+",
                                  help_text=_("居民本人，或代为预约的网格员。"))
    grid = models.ForeignKey(Grid, verbose_name=_("居民所在网格"), on_delete=models.PROTECT,
                             related_name="+")
    dispute_type = models.CharField(_("纠纷类型"), max_length=16, choices=DisputeType.choices)
    focus = models.TextField(_("纠纷焦点"), max_length=1000,
                             help_text=_("双方争议的关键问题，以及希望法官帮助的事项。"))
    report = models.ForeignKey("reports.Report", verbose_name=_("关联报事"), null=True,
                               blank=True, on_delete=models.SET_NULL, related_name="court_bookings")
    status = models.CharField(_("状态"), max_length=12, choices=BookingStatus.choices,
                              default=BookingStatus.BOOKED, db_index=True)
    created_at = models.DateTimeField(_("预约时间"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("取消人"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    # Set once when the reminder goes out (court_send_reminders), so it is never sent twice.
    reminded_at = models.DateTimeField(_("提醒时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("法官预约")
        verbose_name_plural = _("法官预约")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["slot"], condition=Q(status__in=ACTIVE),
                                    name="court_one_active_booking_per_slot"),
        ]
        indexes = [models.Index(fields=["resident", "status"], name="court_booking_mine")]

    def __str__(self) -> str:
        return f"{self.resident.name} · {self.slot}"

    @property
    def status_tag(self) -> str:
        return {BookingStatus.BOOKED: "tag--warn", BookingStatus.HELD: "tag--ok"}.get(self.status, "")

    @property
    def on_behalf(self) -> bool:
        return self.booked_by_id is not None and self.booked_by_id != self.resident_id
