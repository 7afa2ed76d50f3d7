"""志愿服务: organisations, their activities, and residents' sign-ups.

Service hours are not a separate ledger: they are the ``hours`` recorded on each
attended sign-up (copied from the activity when attendance is confirmed, so a
later edit of the activity never changes hours already credited).
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .manifest import LONG_SERVICE_HOURS, MANIFEST, RULE_ATTEND, RULE_ATTEND_LONG

# The code works from this long before the start, so volunteers arriving early
# can check in; it stops working when the activity ends.
CHECKIN_EARLY = timedelta(minutes=30)


def new_checkin_code() -> str:
    """Six random digits (``secrets``: guessable codes would hand out points)."""
    return f"{secrets.randbelow(10**6):06d}"


def rule_choices() -> list[tuple[str, str]]:
    """The plugin's own rules (not a model ``choices``: no migration when a label changes)."""
    return [("", str(_("不计积分")))] + [
        (rule.code, f"{rule.label}（+{rule.points}分）") for rule in MANIFEST.point_rules
    ]


class OrganisationKind(models.TextChoices):
    COMMUNITY = "community", _("村社组织")
    PARTY = "party", _("党组织")
    SOCIAL = "social", _("社会组织")
    TEAM = "team", _("志愿服务队")


class Organisation(models.Model):
    """Who runs activities: a village committee, a party branch, a social organisation."""

    name = models.CharField(_("组织名称"), max_length=100, unique=True)
    kind = models.CharField(_("组织类型"), max_length=12, choices=OrganisationKind.choices,
                            default=OrganisationKind.TEAM)
    grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("所属区域"), on_delete=models.PROTECT, related_name="+",
        help_text=_("组织登记所在的网格节点；该区域的工作人员可管理本组织。"),
    )
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    description = models.TextField(_("组织简介"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("组织工作人员"), blank=True,
        related_name="volunteer_organisations",
        help_text=_("可用本组织名义在后台发布活动的工作人员账号。"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("志愿组织")
        verbose_name_plural = _("志愿组织")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    CANCELLED = "cancelled", _("已取消")


class Activity(models.Model):
    title = models.CharField(_("活动名称"), max_length=100)
    description = models.TextField(_("活动内容"), blank=True)
    organisation = models.ForeignKey(Organisation, verbose_name=_("组织单位"),
                                     on_delete=models.PROTECT, related_name="activities")
    grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("面向区域"), on_delete=models.PROTECT, related_name="+",
        help_text=_("居住在该网格节点及其下级的居民可以看到并报名。"),
    )
    place = models.CharField(_("活动地点"), max_length=200)
    starts_at = models.DateTimeField(_("开始时间"), db_index=True)
    ends_at = models.DateTimeField(_("结束时间"))
    capacity = models.PositiveIntegerField(_("招募人数"), validators=[MinValueValidator(1)])
    service_hours = models.DecimalField(
        _("认定服务时长（小时）"), max_digits=4, decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    points_rule = models.CharField(_("积分规则"), max_length=80, blank=True, default=RULE_ATTEND,
                                   help_text=_("到场确认后按此规则发放积分。"))
    status = models.CharField(_("状态"), max_length=12, choices=ActivityStatus.choices,
                              default=ActivityStatus.DRAFT, db_index=True)
    checkin_code = models.CharField(_("签到码"), max_length=6, editable=False,
                                    default=new_checkin_code)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True,
                                   blank=True, editable=False, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("志愿活动")
        verbose_name_plural = _("志愿活动")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="volunteer_activity_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.starts_at and self.ends_at:
            if self.ends_at <= self.starts_at:
                errors["ends_at"] = _("结束时间必须晚于开始时间。")
            elif self.service_hours is not None:
                duration = Decimal((self.ends_at - self.starts_at).total_seconds()) / 3600
                if self.service_hours > duration:
                    errors["service_hours"] = _("认定服务时长不能超过活动时长（%(h)s 小时）。") % {
                        "h": round(duration, 1)}
        if self.points_rule and self.points_rule not in dict(rule_choices()):
            errors["points_rule"] = _("请选择本应用的积分规则。")
        elif (self.points_rule == RULE_ATTEND_LONG and self.service_hours is not None
                and self.service_hours < LONG_SERVICE_HOURS):
            errors["points_rule"] = _("服务时长不少于 %(h)s 小时的活动才能选择长时志愿服务积分。") % {
                "h": LONG_SERVICE_HOURS}
        if self.pk and self.capacity is not None:
            taken = self.signups.filter(status__in=TAKING_A_PLACE).count()
            if self.capacity < taken:
                errors["capacity"] = _("已有 %(n)s 人报名，招募人数不能少于 %(n)s。") % {"n": taken}
        if errors:
            raise ValidationError(errors)

    # --- what residents see ----------------------------------------------------
    @property
    def is_open(self) -> bool:
        """Published and not yet started: sign-ups and cancellations are allowed."""
        return self.status == ActivityStatus.PUBLISHED and timezone.now() < self.starts_at

    @property
    def checkin_opens_at(self):
        return self.starts_at - CHECKIN_EARLY

    def checkin_window_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.checkin_opens_at <= now <= self.ends_at

    @property
    def has_ended(self) -> bool:
        return timezone.now() > self.ends_at

    def points_label(self) -> str:
        return dict(rule_choices()).get(self.points_rule, "")


class SignUpStatus(models.TextChoices):
    SIGNED_UP = "signed_up", _("已报名")
    ATTENDED = "attended", _("已到场")
    CANCELLED = "cancelled", _("已取消")


# Statuses that hold one of the activity's places.
TAKING_A_PLACE = (SignUpStatus.SIGNED_UP.value, SignUpStatus.ATTENDED.value)


class CheckinMethod(models.TextChoices):
    ORGANISER = "organiser", _("组织方确认")
    CODE = "code", _("签到码")


class SignUp(models.Model):
    """One resident's place on one activity; cancelling and signing up again reuse it."""

    activity = models.ForeignKey(Activity, verbose_name=_("活动"), on_delete=models.PROTECT,
                                 related_name="signups")
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("志愿者"),
                                 on_delete=models.CASCADE, related_name="volunteer_signups")
    status = models.CharField(_("状态"), max_length=12, choices=SignUpStatus.choices,
                              default=SignUpStatus.SIGNED_UP)
    created_at = models.DateTimeField(_("报名时间"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    attended_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    checkin_method = models.CharField(_("签到方式"), max_length=12, blank=True,
                                      choices=CheckinMethod.choices)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("确认人"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    hours = models.DecimalField(_("服务时长（小时）"), max_digits=4, decimal_places=1,
                                default=Decimal("0"))
    points_awarded = models.IntegerField(_("获得积分"), default=0)
    points_note = models.CharField(_("积分说明"), max_length=200, blank=True,
                                   help_text=_("积分未发放时的原因，如已达每日上限。"))

    class Meta:
        verbose_name = _("活动报名")
        verbose_name_plural = _("活动报名")
        ordering = ["created_at"]
        permissions = [("confirm_signup", _("可确认志愿者到场"))]
        constraints = [
            models.UniqueConstraint(fields=["activity", "resident"],
                                    name="volunteer_one_signup_per_resident"),
        ]
        indexes = [models.Index(fields=["resident", "status"], name="volunteer_signup_mine")]

    def __str__(self) -> str:
        return f"{self.resident} · {self.activity}"

    @property
    def status_tag(self) -> str:
        return {SignUpStatus.ATTENDED: "tag--ok", SignUpStatus.SIGNED_UP: "tag--warn"}.get(
            self.status, "")
