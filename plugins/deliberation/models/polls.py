"""民主投票: the familiar django-polls shape (Poll / Choice / Vote), owned here.

One vote per resident is a database rule, not a form rule: a ``Ballot`` is unique
on (poll, voter) and carries one ``Vote`` per chosen choice (unique on
(ballot, choice)); ballot and votes are written in one transaction.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..manifest import RESULTS_AFTER_CLOSE, RESULTS_LIVE


class PollKind(models.TextChoices):
    SINGLE = "single", _("单选")
    MULTIPLE = "multiple", _("多选")


class ResultsMode(models.TextChoices):
    LIVE = RESULTS_LIVE, _("投票期间实时公布")
    AFTER_CLOSE = RESULTS_AFTER_CLOSE, _("投票结束后公布")


class PublishStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class Poll(ClusterableModel):
    title = models.CharField(_("投票主题"), max_length=120)
    description = models.TextField(_("投票说明"), blank=True)
    grid = models.ForeignKey(
        "grids.Grid", verbose_name=_("投票范围"), on_delete=models.PROTECT, related_name="+",
        help_text=_("居住在该网格节点及其下级、已实名认证的居民可以投票，每人一票。"),
    )
    kind = models.CharField(_("投票方式"), max_length=10, choices=PollKind.choices,
                            default=PollKind.SINGLE)
    max_choices = models.PositiveSmallIntegerField(
        _("最多可选"), default=1, validators=[MinValueValidator(1)],
        help_text=_("多选时每人最多可选的选项数；单选固定为 1。"))
    opens_at = models.DateTimeField(_("开始时间"), db_index=True)
    closes_at = models.DateTimeField(_("截止时间"), db_index=True)
    results_mode = models.CharField(_("结果公布"), max_length=12, choices=ResultsMode.choices,
                                    default=RESULTS_AFTER_CLOSE)
    status = models.CharField(_("状态"), max_length=10, choices=PublishStatus.choices,
                              default=PublishStatus.DRAFT, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True,
                                   blank=True, editable=False, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("民主投票")
        verbose_name_plural = _("民主投票")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")),
                                   name="deliberation_poll_closes_after_opening"),
            models.CheckConstraint(condition=models.Q(max_choices__gte=1),
                                   name="deliberation_poll_max_choices_positive"),
            models.CheckConstraint(
                condition=models.Q(kind="multiple") | models.Q(max_choices=1),
                name="deliberation_poll_single_means_one"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("截止时间必须晚于开始时间。")
        if self.kind == PollKind.SINGLE:
            self.max_choices = 1
        if errors:
            raise ValidationError(errors)

    # --- state -------------------------------------------------------------------
    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == PublishStatus.PUBLISHED and self.opens_at <= now < self.closes_at

    def has_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at

    def results_visible(self, now=None) -> bool:
        """Residents see counts live, or only once voting has closed (per poll)."""
        return self.results_mode == RESULTS_LIVE or self.has_closed(now)

    @property
    def state_label(self) -> str:
        now = timezone.now()
        if self.status != PublishStatus.PUBLISHED:
            return str(_("草稿"))
        if now < self.opens_at:
            return str(_("未开始"))
        return str(_("进行中")) if now < self.closes_at else str(_("已结束"))


class Choice(models.Model):
    poll = ParentalKey(Poll, verbose_name=_("投票"), on_delete=models.CASCADE,
                       related_name="choices")
    text = models.CharField(_("选项"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("投票选项")
        verbose_name_plural = _("投票选项")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.text


class Ballot(models.Model):
    """One resident's participation in one poll: the row that makes a second vote impossible."""

    poll = models.ForeignKey(Poll, verbose_name=_("投票"), on_delete=models.PROTECT,
                             related_name="ballots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("投票人"),
                              on_delete=models.CASCADE, related_name="deliberation_ballots")
    created_at = models.DateTimeField(_("投票时间"), auto_now_add=True)
    points_awarded = models.IntegerField(_("获得积分"), default=0)
    points_note = models.CharField(_("积分说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("选票")
        verbose_name_plural = _("选票")
        constraints = [models.UniqueConstraint(fields=["poll", "voter"],
                                               name="deliberation_one_ballot_per_voter")]

    def __str__(self) -> str:
        return f"{self.poll} · {self.voter_id}"


class Vote(models.Model):
    ballot = models.ForeignKey(Ballot, verbose_name=_("选票"), on_delete=models.CASCADE,
                               related_name="votes")
    choice = models.ForeignKey(Choice, verbose_name=_("选项"), on_delete=models.PROTECT,
                               related_name="votes")

    class Meta:
        verbose_name = _("投票记录")
        verbose_name_plural = _("投票记录")
        constraints = [models.UniqueConstraint(fields=["ballot", "choice"],
                                               name="deliberation_choice_once_per_ballot")]
