"""百姓议事会 / 乡贤参事会: members with terms, meetings with agenda, attendance and minutes."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class CouncilKind(models.TextChoices):
    PEOPLE = "people", _("百姓议事会")
    SAGES = "sages", _("乡贤参事会")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")


class Council(ClusterableModel):
    name = models.CharField(_("名称"), max_length=80)
    kind = models.CharField(_("类型"), max_length=10, choices=CouncilKind.choices,
                            default=CouncilKind.PEOPLE)
    grid = models.ForeignKey("grids.Grid", verbose_name=_("所属村社"), on_delete=models.PROTECT,
                             related_name="+")
    frequency = models.CharField(_("例会频次"), max_length=10, choices=Frequency.choices,
                                 default=Frequency.MONTHLY)
    description = models.TextField(_("简介"), blank=True)

    class Meta:
        verbose_name = _("议事会")
        verbose_name_plural = _("议事会")
        ordering = ["grid__path", "name"]
        constraints = [models.UniqueConstraint(fields=["grid", "name"],
                                               name="deliberation_council_name_per_grid")]

    def __str__(self) -> str:
        return self.name


class CouncilMember(models.Model):
    """A resident with an account, or a named notable (乡贤) without one."""

    council = ParentalKey(Council, verbose_name=_("议事会"), on_delete=models.CASCADE,
                          related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("居民账号"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    position = models.CharField(_("职务"), max_length=30, blank=True,
                                help_text=_("如 会长、副会长、成员"))
    introduction = models.CharField(_("简介"), max_length=200, blank=True)
    term_start = models.DateField(_("任期开始"))
    term_end = models.DateField(_("任期结束"))

    class Meta:
        verbose_name = _("议事会成员")
        verbose_name_plural = _("议事会成员")
        ordering = ["pk"]
        constraints = [models.CheckConstraint(
            condition=models.Q(term_end__gt=models.F("term_start")),
            name="deliberation_member_term_order")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            raise ValidationError({"term_end": _("任期结束日期必须晚于开始日期。")})


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("待召开")
    HELD = "held", _("已召开")


class Meeting(models.Model):
    council = models.ForeignKey(Council, verbose_name=_("议事会"), on_delete=models.PROTECT,
                                related_name="meetings")
    title = models.CharField(_("会议名称"), max_length=100)
    held_at = models.DateTimeField(_("会议时间"))
    place = models.CharField(_("地点"), max_length=100)
    issue_list = models.ForeignKey("deliberation.IssueList", verbose_name=_("议题来源（问题清单）"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="meetings")
    status = models.CharField(_("状态"), max_length=10, choices=MeetingStatus.choices,
                              default=MeetingStatus.PLANNED)
    minutes = models.TextField(_("会议纪要"), blank=True)
    decisions = models.TextField(_("议定事项"), blank=True)

    class Meta:
        verbose_name = _("议事会会议")
        verbose_name_plural = _("议事会会议")
        ordering = ["-held_at"]

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("会议"), on_delete=models.CASCADE,
                                related_name="agenda")
    issue_item = models.ForeignKey("deliberation.IssueItem", verbose_name=_("清单事项"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("议程"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    outcome = models.CharField(_("议定结果"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("会议议程")
        verbose_name_plural = _("会议议程")
        ordering = ["sort_order", "pk"]


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("会议"), on_delete=models.CASCADE,
                                related_name="attendances")
    member = models.ForeignKey(CouncilMember, verbose_name=_("成员"), on_delete=models.CASCADE,
                               related_name="attendances")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    points_awarded = models.IntegerField(_("获得积分"), default=0)
    points_note = models.CharField(_("积分说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("出席记录")
        verbose_name_plural = _("出席记录")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"],
                                               name="deliberation_attend_once")]
