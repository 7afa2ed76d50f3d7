"""The litigation stage: a report the county mediation centre passed to the court.

The report's status is owned by the reports plugin; this row only records the
court's side (which judge, which pre-litigation mediation session, which
outcome). The outcome is written in the same transaction as
``plugins.reports.workflow.transition(report, "resolved", …)``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .booking import Booking
from .judges import JudgeProfile


class Outcome(models.TextChoices):
    # Values are the reports contract's ``Report.resolution`` strings.
    PRE_FILING_MEDIATION = "pre_filing_mediation", _("诉前调解成功")
    JUDICIAL_CONFIRMATION = "judicial_confirmation", _("司法确认")
    JUDGMENT = "judgment", _("立案审理/判决")


class CourtCase(models.Model):
    report = models.OneToOneField("reports.Report", verbose_name=_("报事"),
                                  on_delete=models.CASCADE, related_name="court_case")
    judge = models.ForeignKey(JudgeProfile, verbose_name=_("承办法官"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="cases")
    booking = models.ForeignKey(Booking, verbose_name=_("诉前调解预约"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="cases")
    outcome = models.CharField(_("结果"), max_length=24, choices=Outcome.choices, blank=True)
    note = models.TextField(_("办理情况"), blank=True)
    received_at = models.DateTimeField(_("转入法院时间"), auto_now_add=True)
    decided_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("法院案件")
        verbose_name_plural = _("法院案件")
        ordering = ["-received_at"]
        permissions = [("decide_case", _("可记录法院诉讼阶段结果"))]

    def __str__(self) -> str:
        return str(self.report_id)
