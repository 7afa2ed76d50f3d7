"""API keys of the systems allowed to file reports, and what each Open311 filing carried.

A key is shown once, when an administrator creates it; only its SHA-256 digest is
stored (the key is 256 random bits, so a plain digest cannot be brute-forced) and
its first characters, so administrators can tell keys apart.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    name = models.CharField(_("接入系统"), max_length=100,
                            help_text=_("如：12345 政务服务热线。"))
    prefix = models.CharField(_("密钥前缀"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("授权区域"), on_delete=models.PROTECT, related_name="+",
        help_text=_("只能向该区域及下级区域提交报事，并查看这些区域的报事（含不公开类别）。"))
    service_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("报事账号"), on_delete=models.PROTECT,
        related_name="+", help_text=_("经本接口提交的报事以该账号为报事人，建议为接入系统单独开设账号。"))
    active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True,
                                   blank=True, editable=False, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("接口密钥")
        verbose_name_plural = _("接口密钥")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"


class Submission(models.Model):
    """The Open311 fields of a filed report that the report itself has no place for.

    The caller's contact details are personal data: handlers see them masked on the
    report's staff page; the Open311 GET output never contains them.
    """

    report = models.OneToOneField("reports.Report", verbose_name=_("报事"),
                                  on_delete=models.CASCADE, related_name="open311")
    api_key = models.ForeignKey(ApiKey, verbose_name=_("接口密钥"), null=True,
                                on_delete=models.SET_NULL, related_name="submissions")
    first_name = models.CharField(_("名"), max_length=50, blank=True)
    last_name = models.CharField(_("姓"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    account_id = models.CharField(_("对方账号"), max_length=100, blank=True)
    device_id = models.CharField(_("设备号"), max_length=100, blank=True)
    # Stored, never fetched: downloading caller-given URLs from the server invites SSRF.
    media_url = models.URLField(_("媒体链接"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("Open311 提交记录")
        verbose_name_plural = _("Open311 提交记录")

    def __str__(self) -> str:
        return str(self.report)
