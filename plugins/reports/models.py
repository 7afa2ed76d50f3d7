"""一键报事: categories, reports, their timeline, and the routing/SLA data administrators keep.

Routing is data, not code: ``HandlingBody`` rows are the offline bodies that handle a
stage (a grid team, a village 议事会, a mediation committee, the county 矛调中心, a
court, a town's 四平台, a department) and ``RoutingRule`` rows say which body takes a
category at a stage for a grid subtree. ``SlaPolicy`` rows give each stage's time
limit in working days per category and urgency colour.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Urgency(models.TextChoices):
    RED = "red", _("红色（紧急）")
    YELLOW = "yellow", _("黄色（较急）")
    GREEN = "green", _("绿色（一般）")


class Category(models.Model):
    """What a report is about; its ``code`` is also the Open311 ``service_code``."""

    class Kind(models.TextChoices):
        DISPUTE = "dispute", _("矛盾纠纷")
        HAZARD = "hazard", _("安全隐患")
        ENVIRONMENT = "environment", _("环境卫生")
        HELP = "help", _("求助")
        SUGGESTION = "suggestion", _("建议")
        TIPOFF = "tipoff", _("举报")
        OTHER = "other", _("其他")

    code = models.SlugField(_("编码"), max_length=40, unique=True,
                            help_text=_("英文小写编码，同时作为 Open311 的 service_code，创建后请勿修改。"))
    name = models.CharField(_("名称"), max_length=50)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    keywords = models.CharField(_("关键词"), max_length=200, blank=True,
                                help_text=_("用空格分隔，便于检索和 Open311 的 keywords。"))
    default_urgency = models.CharField(_("默认紧急程度"), max_length=8, choices=Urgency.choices,
                                       default=Urgency.GREEN)
    is_public = models.BooleanField(
        _("可公开"), default=False,
        help_text=_("该类报事可向公众（含 Open311 匿名调用方）展示，例如安全隐患、环境卫生；矛盾纠纷不应公开。"),
    )
    active = models.BooleanField(_("启用"), default=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)

    class Meta:
        verbose_name = _("报事类别")
        verbose_name_plural = _("报事类别")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_dispute(self) -> bool:
        return self.kind == self.Kind.DISPUTE


class Stage(models.TextChoices):
    """The handling stages a body can be routed to (a subset of Report.Status)."""

    GRID_ACCEPTED = "grid_accepted", _("网格受理")
    SELF_GOV = "self_gov", _("自治组织调处")
    MEDIATION = "mediation", _("调解组织调解")
    COUNTY_CENTER = "county_center", _("县级矛调中心")
    LITIGATION = "litigation", _("法院诉讼")
    TOWN_DISPATCH = "town_dispatch", _("镇街四平台")
    DEPT_HANDLING = "dept_handling", _("部门办理")


class HandlingBody(models.Model):
    """An offline body that handles reports at a stage; its staff are those scoped to ``grid``."""

    name = models.CharField(_("名称"), max_length=100)
    stage = models.CharField(_("办理环节"), max_length=16, choices=Stage.choices)
    grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("所在网格节点"), on_delete=models.PROTECT, related_name="+",
        help_text=_("该机构所在的网格节点；负责区域包含该节点的工作人员收到并办理转来的报事。"),
    )
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("办理机构")
        verbose_name_plural = _("办理机构")
        ordering = ["stage", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "grid"], name="reports_body_unique_name_grid"),
        ]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Category × grid subtree × stage → handling body. The most specific rule wins."""

    category = models.ForeignKey(
        Category, verbose_name=_("报事类别"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="routing_rules", help_text=_("留空表示适用于所有类别。"),
    )
    grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("适用区域"), on_delete=models.CASCADE, related_name="+",
        help_text=_("发生在该节点及其下级的报事适用本规则。"),
    )
    stage = models.CharField(_("办理环节"), max_length=16, choices=Stage.choices)
    body = models.ForeignKey(HandlingBody, verbose_name=_("办理机构"), on_delete=models.CASCADE,
                             related_name="rules")

    class Meta:
        verbose_name = _("流转规则")
        verbose_name_plural = _("流转规则")
        ordering = ["grid__path", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["category", "grid", "stage"],
                                    name="reports_rule_unique_category_grid_stage"),
            models.UniqueConstraint(fields=["grid", "stage"], condition=models.Q(category=None),
                                    name="reports_rule_unique_any_category_grid_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.grid} · {self.get_stage_display()} → {self.body}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.body_id and self.stage and self.body.stage != self.stage:
            raise ValidationError({"body": _("所选机构负责“%(body)s”环节，与本规则的办理环节不一致。") % {
                "body": self.body.get_stage_display()}})


class SlaPolicy(models.Model):
    """How many working days each stage may take, per category (or all) and urgency."""

    category = models.ForeignKey(
        Category, verbose_name=_("报事类别"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="sla_policies", help_text=_("留空表示所有类别的默认时限。"),
    )
    urgency = models.CharField(_("紧急程度"), max_length=8, choices=Urgency.choices)
    working_days = models.PositiveSmallIntegerField(
        _("办理时限（工作日）"), validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("每个办理环节从进入起计算，按国家法定节假日和调休上班日折算工作日。"),
    )

    class Meta:
        verbose_name = _("办理时限")
        verbose_name_plural = _("办理时限")
        ordering = ["category__order", "urgency"]
        constraints = [
            models.UniqueConstraint(fields=["category", "urgency"],
                                    name="reports_sla_unique_category_urgency"),
            models.UniqueConstraint(fields=["urgency"], condition=models.Q(category=None),
                                    name="reports_sla_unique_default_urgency"),
            models.CheckConstraint(condition=models.Q(working_days__gte=1),
                                   name="reports_sla_positive_days"),
        ]

    def __str__(self) -> str:
        scope = self.category.name if self.category_id else _("默认")
        return f"{scope} · {self.get_urgency_display()} · {self.working_days}"


class Report(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已提交")
        GRID_ACCEPTED = "grid_accepted", _("网格已受理")
        SELF_GOV = "self_gov", _("自治组织调处")
        MEDIATION = "mediation", _("调解组织调解")
        COUNTY_CENTER = "county_center", _("县级矛调中心")
        LITIGATION = "litigation", _("法院诉讼")
        TOWN_DISPATCH = "town_dispatch", _("镇街四平台")
        DEPT_HANDLING = "dept_handling", _("部门办理")
        RESOLVED = "resolved", _("已办结")
        CLOSED = "closed", _("已销号")
        REJECTED = "rejected", _("不予受理")
        MERGED = "merged", _("已合并")

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        FAIRLY = "fairly", _("基本满意")
        DISSATISFIED = "dissatisfied", _("不满意")

    class Source(models.TextChoices):
        APP = "app", _("居民自报")
        ON_BEHALF = "on_behalf", _("代为报事")
        OPEN311 = "open311", _("Open311 接口")

    code = models.CharField(_("报事编码"), max_length=32, unique=True, editable=False)
    category = models.ForeignKey(Category, verbose_name=_("报事类别"), on_delete=models.PROTECT,
                                 related_name="reports")
    description = models.TextField(_("事项描述"), max_length=2000)
    address = models.CharField(_("地点"), max_length=200, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True,
                                    blank=True)
    grid = models.ForeignKey("grids.Grid", verbose_name=_("所在网格"), on_delete=models.PROTECT,
                             related_name="+")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("报事人"),
                                 on_delete=models.PROTECT, related_name="reports")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("代报人"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    anonymous = models.BooleanField(_("对公众匿名"), default=False)
    urgency = models.CharField(_("紧急程度"), max_length=8, choices=Urgency.choices,
                               default=Urgency.GREEN, db_index=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices,
                              default=Status.SUBMITTED, db_index=True)
    handling_grid = models.ForeignKey("grids.Grid", verbose_name=_("当前办理节点"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    handling_body = models.ForeignKey(HandlingBody, verbose_name=_("当前办理机构"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    due_at = models.DateTimeField(_("本环节办理期限"), null=True, blank=True, db_index=True)
    is_overdue = models.BooleanField(_("已超期"), default=False, db_index=True)
    is_supervised = models.BooleanField(_("督办中"), default=False)
    supervising_grid = models.ForeignKey("grids.Grid", verbose_name=_("督办节点"), null=True,
                                         blank=True, on_delete=models.SET_NULL, related_name="+")
    resolution = models.CharField(_("办结方式"), max_length=32, blank=True)
    resolved_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    rating = models.CharField(_("评价"), max_length=16, choices=Rating.choices, blank=True)
    rating_comment = models.CharField(_("评价意见"), max_length=500, blank=True)
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    merged_into = models.ForeignKey("self", verbose_name=_("合并至"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="duplicates")
    source = models.CharField(_("来源"), max_length=12, choices=Source.choices, default=Source.APP)
    created_at = models.DateTimeField(_("报事时间"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("报事")
        verbose_name_plural = _("报事")
        ordering = ["-created_at"]
        permissions = [
            ("handle_report", _("可受理和办理报事")),
            ("file_on_behalf", _("可代居民报事")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="merged") | models.Q(merged_into__isnull=False),
                name="reports_merged_has_target"),
            models.CheckConstraint(condition=~models.Q(merged_into=models.F("pk")),
                                   name="reports_not_merged_into_itself"),
        ]
        indexes = [models.Index(fields=["status", "is_overdue", "due_at"],
                                name="reports_queue_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.category}"

    # Badges for the resident's lists (B): open → in progress → resolved → closed.
    OPEN = frozenset({Status.SUBMITTED})
    IN_PROGRESS = frozenset({
        Status.GRID_ACCEPTED, Status.SELF_GOV, Status.MEDIATION, Status.COUNTY_CENTER,
        Status.LITIGATION, Status.TOWN_DISPATCH, Status.DEPT_HANDLING,
    })
    FINISHED = frozenset({Status.CLOSED, Status.REJECTED, Status.MERGED})

    @property
    def phase(self) -> str:
        """"open", "in_progress", "resolved" or "closed" — for badges and counters."""
        if self.status in self.OPEN:
            return "open"
        if self.status in self.IN_PROGRESS:
            return "in_progress"
        if self.status == self.Status.RESOLVED:
            return "resolved"
        return "closed"

    @property
    def is_active(self) -> bool:
        """Still waiting on a handler (counts toward SLAs and the queue)."""
        return self.status in self.OPEN or self.status in self.IN_PROGRESS


class Transition(models.Model):
    """One line of a report's timeline (who, when, from → to, note)."""

    report = models.ForeignKey(Report, verbose_name=_("报事"), on_delete=models.CASCADE,
                               related_name="transitions")
    from_status = models.CharField(_("原状态"), max_length=16, choices=Report.Status.choices,
                                   blank=True)
    to_status = models.CharField(_("新状态"), max_length=16, choices=Report.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    # What the reporter's timeline shows instead of a staff member's name or phone:
    # the role and body at the time (e.g. "网格员 · 东栅第一网格").
    actor_label = models.CharField(_("操作人身份"), max_length=120, blank=True)
    note = models.CharField(_("办理意见"), max_length=1000, blank=True)
    details = models.JSONField(_("详情"), default=dict, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("流转记录")
        verbose_name_plural = _("流转记录")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.from_status} → {self.to_status}"


class ReportPhoto(models.Model):
    """A photo attached to a report; only the EXIF-stripped re-encoded copy is stored."""

    report = models.ForeignKey(Report, verbose_name=_("报事"), on_delete=models.CASCADE,
                               related_name="photos")
    image = models.ImageField(_("照片"), upload_to="reports/photos/%Y/%m/",
                              width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("报事照片")
        verbose_name_plural = _("报事照片")
        ordering = ["pk"]


class CodeSequence(models.Model):
    """The last daily sequence number used per division code, for 一事一编码.

    A counter row locked with ``select_for_update`` serialises concurrent submissions
    for the same division and day; counting existing reports would hand out duplicates.
    """

    prefix = models.CharField(max_length=20, unique=True)  # division code + YYYYMMDD
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("编码序号")
        verbose_name_plural = _("编码序号")
