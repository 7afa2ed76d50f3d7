"""矛调: mediation organisations and their mediators, cases, sessions and agreements.

A ``Case`` is one stage of a report's mediation: a report that fails at a mediation
organisation and moves on to the county centre gets a second case there, so each
body's record (who mediated, when, what came of it) stays as it was.
The report's status is never stored here: it belongs to the reports workflow.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    VILLAGE = "village", _("村（社区）人民调解委员会")
    TOWN = "town", _("乡镇（街道）人民调解委员会")
    COUNTY = "county", _("县（市、区）人民调解委员会")
    TRADE = "trade", _("行业性专业性调解组织")
    CENTRE = "centre", _("县级矛调中心")


class Organisation(models.Model):
    name = models.CharField(_("组织名称"), max_length=100, unique=True)
    kind = models.CharField(_("组织类型"), max_length=12, choices=OrganisationKind.choices)
    grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("服务区域"), on_delete=models.PROTECT, related_name="+",
        help_text=_("组织负责调解的网格节点；该区域及下级的报事可分派给本组织。"),
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    specialities = models.ManyToManyField(
        "reports.Category", verbose_name=_("擅长类别"), blank=True, related_name="+",
        help_text=_("本组织擅长调解的报事类别；留空表示综合性调解。"),
    )
    description = models.TextField(_("组织简介"), blank=True)
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("调解组织")
        verbose_name_plural = _("调解组织")
        ordering = ["grid__path", "name"]

    def __str__(self) -> str:
        return self.name


class Mediator(models.Model):
    organisation = models.ForeignKey(Organisation, verbose_name=_("所属组织"),
                                     on_delete=models.CASCADE, related_name="mediators")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("用户账号"),
                             on_delete=models.PROTECT, related_name="mediator_posts",
                             help_text=_("须为具有调解员角色的账号。"))
    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("职务"), max_length=50, blank=True,
                             help_text=_("如：调委会主任、专职人民调解员。"))
    speciality = models.CharField(_("专长"), max_length=100, blank=True)
    active = models.BooleanField(_("在岗"), default=True)

    class Meta:
        verbose_name = _("调解员")
        verbose_name_plural = _("调解员")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"],
                                    name="mediation_one_post_per_organisation"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.organisation.name}）"


class CaseStatus(models.TextChoices):
    PENDING = "pending", _("待分派")
    ASSIGNED = "assigned", _("调解中")
    AGREED = "agreed", _("达成协议")
    FAILED = "failed", _("调解不成")
    # The report left the stage through the reports workbench, not through this plugin.
    ENDED = "ended", _("已在报事流程中结束")


OPEN_STATUSES = (CaseStatus.PENDING.value, CaseStatus.ASSIGNED.value)


class Case(models.Model):
    report = models.ForeignKey("reports.Report", verbose_name=_("报事"), on_delete=models.PROTECT,
                               related_name="mediation_cases")
    stage = models.CharField(_("调解环节"), max_length=16,
                             help_text=_("报事进入的环节：mediation 调解组织 / county_center 县级矛调中心。"))
    status = models.CharField(_("状态"), max_length=12, choices=CaseStatus.choices,
                              default=CaseStatus.PENDING, db_index=True)
    organisation = models.ForeignKey(Organisation, verbose_name=_("调解组织"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="cases")
    mediator = models.ForeignKey(Mediator, verbose_name=_("调解员"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="cases")
    outcome_note = models.TextField(_("结果说明"), blank=True)
    opened_at = models.DateTimeField(_("立案时间"), auto_now_add=True, db_index=True)
    closed_at = models.DateTimeField(_("结案时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("调解案件")
        verbose_name_plural = _("调解案件")
        ordering = ["-opened_at"]
        permissions = [("handle_case", _("可办理调解案件"))]
        constraints = [
            # on_event may be delivered twice: one open case per report and stage. A report
            # reopened after 不满意 gets a new case; the old one keeps its record.
            models.UniqueConstraint(fields=["report", "stage"], condition=Q(status__in=OPEN_STATUSES),
                                    name="mediation_one_open_case_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.report.code} · {self.get_status_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Session(models.Model):
    case = models.ForeignKey(Case, verbose_name=_("调解案件"), on_delete=models.CASCADE,
                             related_name="sessions")
    mediator = models.ForeignKey(Mediator, verbose_name=_("主持调解员"), on_delete=models.PROTECT,
                                 related_name="sessions")
    starts_at = models.DateTimeField(_("开始时间"), db_index=True)
    ends_at = models.DateTimeField(_("结束时间"))
    place = models.CharField(_("调解地点"), max_length=200, blank=True)
    online_link = models.URLField(_("线上调解链接"), blank=True)
    notes = models.TextField(_("调解笔录"), blank=True)
    notes_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("安排人"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("调解会")
        verbose_name_plural = _("调解会")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                   name="mediation_session_ends_after_start"),
            models.CheckConstraint(condition=~Q(place="") | ~Q(online_link=""),
                                   name="mediation_session_has_place"),
        ]
        indexes = [models.Index(fields=["mediator", "starts_at"], name="mediation_session_diary")]

    def __str__(self) -> str:
        return f"{self.case.report.code} · {self.starts_at:%Y-%m-%d %H:%M}"


class Agreement(models.Model):
    """人民调解协议书: written when a case is settled; the report is resolved with it."""

    case = models.OneToOneField(Case, verbose_name=_("调解案件"), on_delete=models.PROTECT,
                                related_name="agreement")
    number = models.CharField(_("协议书编号"), max_length=40, unique=True)
    parties = models.TextField(_("当事人"), help_text=_("每行一位当事人：姓名、身份及联系方式。"))
    facts = models.TextField(_("纠纷主要事实及争议事项"))
    terms = models.TextField(_("协议内容"))
    performance_deadline = models.DateField(_("履行期限"))
    signed_on = models.DateField(_("签订日期"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("调解协议书")
        verbose_name_plural = _("调解协议书")
        ordering = ["-signed_on"]
        constraints = [
            models.CheckConstraint(condition=Q(performance_deadline__gte=F("signed_on")),
                                   name="mediation_agreement_deadline_after_signing"),
        ]

    def __str__(self) -> str:
        return self.number
