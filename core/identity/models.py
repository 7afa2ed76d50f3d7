"""Identity: the custom user (from the first migration), households and badges."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from . import crypto
from .idcard import mask_id_card, mask_mobile, normalise_id_card
from .managers import UserManager
from .roles import GROUP_NAMES

mobile_validator = RegexValidator(
    r"^1[3-9]\d{9}$", _("请输入11位中国大陆手机号码。"), code="mobile"
)


class Badge(models.Model):
    """A professional identity shown on profiles (亮身份): 党员, 法官, 律师 …

    Administrators edit the list as a snippet; "三官三师" is deliberately a list,
    not a hard-coded set (its exact members vary by place).
    """

    name = models.CharField(_("名称"), max_length=30, unique=True)
    colour = models.CharField(
        _("颜色"), max_length=7, default="#c0392b",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("请输入如 #c0392b 的十六进制颜色。"))],
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("身份标识")
        verbose_name_plural = _("身份标识")

    def __str__(self) -> str:
        return self.name


class Household(models.Model):
    """A household (户): the unit for household points and rankings."""

    number = models.CharField(_("户号"), max_length=30, unique=True)
    address = models.CharField(_("住址"), max_length=200)
    grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("所属网格"), on_delete=models.PROTECT,
        related_name="households",
    )

    class Meta:
        verbose_name = _("家庭户")
        verbose_name_plural = _("家庭户")

    def __str__(self) -> str:
        return f"{self.number} {self.address}"


class VerificationStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("未认证")
    PENDING = "pending", _("待审核")
    VERIFIED = "verified", _("已认证")
    REJECTED = "rejected", _("未通过")


class User(AbstractUser):
    """A real-name account; the mobile number is the login."""

    username = None
    first_name = None
    last_name = None
    mobile = models.CharField(
        _("手机号码"), max_length=11, unique=True, validators=[mobile_validator]
    )
    name = models.CharField(_("姓名"), max_length=50)
    id_card_encrypted = models.TextField(_("身份证号码（加密）"), blank=True, editable=False)
    id_card_digest = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    id_card_masked = models.CharField(_("身份证号码"), max_length=18, blank=True, editable=False)
    home_grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("居住网格"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="residents",
    )
    scope_grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("负责区域"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="staff",
        help_text=_("工作人员可见和可管理的网格范围（含下级）。"),
    )
    household = models.ForeignKey(
        Household, verbose_name=_("家庭户"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="members",
    )
    badges = models.ManyToManyField(Badge, verbose_name=_("身份标识"), blank=True)
    verification_status = models.CharField(
        _("实名认证"), max_length=12, choices=VerificationStatus.choices,
        default=VerificationStatus.UNVERIFIED, db_index=True,
    )
    verified_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("认证人"),
    )
    verified_at = models.DateTimeField(_("认证时间"), null=True, blank=True)
    verification_note = models.CharField(_("审核意见"), max_length=200, blank=True)
    consented_at = models.DateTimeField(_("同意协议时间"), null=True, blank=True)

    USERNAME_FIELD = "mobile"
    REQUIRED_FIELDS = ["name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        permissions = [("verify_resident", _("可审核居民实名认证"))]

    def __str__(self) -> str:
        return f"{self.name}（{mask_mobile(self.mobile)}）" if self.name else self.mobile

    def get_full_name(self) -> str:
        return self.name or self.mobile

    def get_short_name(self) -> str:
        return self.name or self.mobile

    # --- ID card -----------------------------------------------------------
    def set_id_card(self, number: str) -> None:
        """Store an already validated ID-card number encrypted, digested and masked."""
        number = normalise_id_card(number)
        self.id_card_encrypted = crypto.encrypt(number)
        self.id_card_digest = crypto.blind_index(number)
        self.id_card_masked = mask_id_card(number)

    def get_id_card(self) -> str:
        """The clear number: for the holder and for audited staff use only."""
        return crypto.decrypt(self.id_card_encrypted) if self.id_card_encrypted else ""

    @property
    def masked_mobile(self) -> str:
        return mask_mobile(self.mobile)

    # --- roles -------------------------------------------------------------
    @cached_property
    def role_codes(self) -> frozenset[str]:
        """The user's roles, by stable code (one query, cached on the instance)."""
        by_name = {name: code for code, name in GROUP_NAMES.items()}
        names = self.groups.values_list("name", flat=True)
        return frozenset(by_name[n] for n in names if n in by_name)

    def has_role(self, *codes: str) -> bool:
        return self.is_superuser and "administrator" in codes or bool(
            self.role_codes.intersection(codes)
        )

    @property
    def is_verified(self) -> bool:
        return self.verification_status == VerificationStatus.VERIFIED

    @property
    def has_consented(self) -> bool:
        return self.consented_at is not None

    def record_consent(self) -> None:
        self.consented_at = timezone.now()
        self.save(update_fields=["consented_at"])

    @property
    def work_grid(self):
        """The grid this user acts from: scope for staff, home for residents."""
        return self.scope_grid or self.home_grid
