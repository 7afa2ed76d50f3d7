"""村级重大事项决策 following 五议两公开 (DOMAIN.md §8).

建议 → 提议 (党支部) → 商议 (两委) → 审议 (党员大会: ≥2/3 到会, 到会过半数通过)
→ 决议 (村民代表会议: ≥2/3 到会, 到会过半数通过) → 决议公开 → 实施结果公开.
Each step is one ``DecisionStep`` row, unique per (decision, stage): the history
cannot fork and a stage is never recorded twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    PROPOSAL = "proposal", _("建议")
    MOTION = "motion", _("提议")
    DISCUSSION = "discussion", _("商议")
    REVIEW = "review", _("审议")
    RESOLUTION = "resolution", _("决议")
    PUBLISHED = "published", _("决议公开")
    IMPLEMENTED = "implemented", _("实施结果公开")


STAGE_ORDER: list[str] = [stage.value for stage in Stage]
# Stages after which residents of the village can read the decision.
PUBLIC_STAGES = (Stage.PUBLISHED.value, Stage.IMPLEMENTED.value)
# Who acts at each stage (shown next to the step).
STAGE_BODY = {
    Stage.PROPOSAL: _("村党组织、村委会、村务监督委员会或十分之一以上村民联名"),
    Stage.MOTION: _("村党组织提议"),
    Stage.DISCUSSION: _("村“两委”联席会议商议"),
    Stage.REVIEW: _("党员大会审议"),
    Stage.RESOLUTION: _("村民代表会议决议"),
    Stage.PUBLISHED: _("决议公开"),
    Stage.IMPLEMENTED: _("实施结果公开"),
}
VOTING_STAGES = (Stage.REVIEW.value, Stage.RESOLUTION.value)


class Decision(models.Model):
    title = models.CharField(_("事项名称"), max_length=120)
    description = models.TextField(_("事项内容"))
    grid = models.ForeignKey("grids.Grid", verbose_name=_("所属村社"), on_delete=models.PROTECT,
                             related_name="+")
    stage = models.CharField(_("当前环节"), max_length=12, choices=Stage.choices,
                             default=Stage.PROPOSAL, db_index=True)
    source = models.ForeignKey("deliberation.IssueItem", verbose_name=_("来源（问题清单事项）"),
                               null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("五议两公开事项")
        verbose_name_plural = _("五议两公开事项")
        ordering = ["-updated_at"]
        permissions = [("record_decisionstep", _("可记录五议两公开决策步骤"))]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.stage in PUBLIC_STAGES

    @property
    def next_stage(self) -> str | None:
        index = STAGE_ORDER.index(self.stage)
        return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


class DecisionStep(models.Model):
    decision = models.ForeignKey(Decision, verbose_name=_("事项"), on_delete=models.CASCADE,
                                 related_name="steps")
    stage = models.CharField(_("环节"), max_length=12, choices=Stage.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True,
                              on_delete=models.SET_NULL, related_name="+")
    held_on = models.DateField(_("日期"))
    entitled = models.PositiveIntegerField(_("应到人数"), null=True, blank=True)
    present = models.PositiveIntegerField(_("实到人数"), null=True, blank=True)
    in_favour = models.PositiveIntegerField(_("赞成"), null=True, blank=True)
    against = models.PositiveIntegerField(_("反对"), null=True, blank=True)
    abstained = models.PositiveIntegerField(_("弃权"), null=True, blank=True)
    note = models.TextField(_("情况说明"), blank=True)
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("决策步骤")
        verbose_name_plural = _("决策步骤")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "stage"],
                                    name="deliberation_step_once_per_stage"),
            # The counts the services check, as a database backstop.
            models.CheckConstraint(
                condition=models.Q(present__isnull=True) | models.Q(present__lte=models.F("entitled")),
                name="deliberation_step_present_le_entitled"),
        ]

    def __str__(self) -> str:
        return f"{self.decision} · {self.get_stage_display()}"
