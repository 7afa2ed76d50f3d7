"""安全答题: quizzes and questionnaires, their questions, residents' attempts, draws.

An attempt stores the question ids it drew and when it started; scoring and the
time limit are decided on the server from these alone. A draw stores its seed,
method and participant list so that anyone can recompute the winners.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from .parsing import MAX_CHOICES, parse_answer, parse_choices

# Network latency between the last click and the server: accepted after the limit.
GRACE = timedelta(seconds=15)
TRUE_FALSE_CHOICES = ("正确", "错误")


class QuizMode(models.TextChoices):
    QUIZ = "quiz", _("知识竞答")
    SURVEY = "survey", _("问卷")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("单选题")
    MULTIPLE = "multiple", _("多选题")
    TRUE_FALSE = "true_false", _("判断题")


class QuizQuerySet(models.QuerySet):
    def open_at(self, when=None):
        when = when or timezone.now()
        return self.filter(is_published=True, opens_at__lte=when, closes_at__gt=when)


class Quiz(ClusterableModel):
    title = models.CharField(_("标题"), max_length=100)
    intro = models.TextField(_("说明"), blank=True)
    mode = models.CharField(_("类型"), max_length=8, choices=QuizMode.choices,
                            default=QuizMode.QUIZ,
                            help_text=_("问卷没有标准答案，不计分，只统计各选项人数。"))
    grid = models.ForeignKey("grids.Grid", verbose_name=_("面向区域"), on_delete=models.PROTECT,
                             related_name="+",
                             help_text=_("该区域及下级区域的居民可以参加。"))
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("截止时间"))
    questions_per_attempt = models.PositiveSmallIntegerField(
        _("每次抽题数"), default=0, help_text=_("每次作答随机抽取的题数；0 表示全部题目。"))
    time_limit_seconds = models.PositiveIntegerField(
        _("答题时限（秒）"), default=0, help_text=_("0 表示不限时。"))
    max_attempts = models.PositiveSmallIntegerField(
        _("每人可答次数"), default=1, validators=[MinValueValidator(1)])
    pass_score = models.PositiveSmallIntegerField(
        _("合格分数"), default=60, help_text=_("达到该分数即为合格，可参与锦鲤抽奖。"))
    is_published = models.BooleanField(_("已发布"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = QuizQuerySet.as_manager()

    panels = [
        MultiFieldPanel([
            FieldPanel("title"), FieldPanel("intro"), FieldPanel("mode"), FieldPanel("grid"),
            FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            FieldRowPanel([FieldPanel("questions_per_attempt"), FieldPanel("time_limit_seconds")]),
            FieldRowPanel([FieldPanel("max_attempts"), FieldPanel("pass_score")]),
            FieldPanel("is_published"),
        ], heading=_("基本信息")),
        InlinePanel("questions", heading=_("题目"), label=_("题目")),
    ]

    class Meta:
        verbose_name = _("答题活动")
        verbose_name_plural = _("答题活动")
        ordering = ["-opens_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("截止时间必须晚于开始时间。")})

    @property
    def is_survey(self) -> bool:
        return self.mode == QuizMode.SURVEY

    def is_open(self, when=None) -> bool:
        when = when or timezone.now()
        return self.is_published and self.opens_at <= when < self.closes_at

    def is_closed(self, when=None) -> bool:
        return (when or timezone.now()) >= self.closes_at


class Question(Orderable):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("题型"), max_length=12, choices=QuestionKind.choices,
                            default=QuestionKind.SINGLE)
    text = models.TextField(_("题目"))
    choices = models.TextField(
        _("选项"), blank=True,
        help_text=_("每行一个选项，按行依次为 A、B、C…；判断题可留空（正确/错误）。"))
    answer = models.CharField(
        _("正确答案"), max_length=26, blank=True,
        help_text=_("填写选项字母，如“A”，多选题如“A,C”；问卷题留空。"))
    score = models.PositiveSmallIntegerField(_("分值"), default=10)

    panels = [FieldPanel("kind"), FieldPanel("text"), FieldPanel("choices"),
              FieldRowPanel([FieldPanel("answer"), FieldPanel("score")])]

    class Meta(Orderable.Meta):
        verbose_name = _("题目")
        verbose_name_plural = _("题目")

    def __str__(self) -> str:
        return self.text[:40]

    def choice_list(self) -> list[str]:
        choices = parse_choices(self.choices)
        if not choices and self.kind == QuestionKind.TRUE_FALSE:
            return list(TRUE_FALSE_CHOICES)
        return choices

    def clean(self) -> None:
        super().clean()
        choices = self.choice_list()
        if len(choices) < 2:
            raise ValidationError({"choices": _("至少需要两个选项，每行一个。")})
        if len(choices) > MAX_CHOICES:
            raise ValidationError({"choices": _("选项不能超过 %(n)s 个。") % {"n": MAX_CHOICES}})
        if self.kind == QuestionKind.TRUE_FALSE and len(choices) != 2:
            raise ValidationError({"choices": _("判断题只能有两个选项。")})
        if self.answer.strip():
            try:
                self.answer = parse_answer(self.answer, len(choices),
                                           multiple=self.kind == QuestionKind.MULTIPLE)
            except ValidationError as exc:
                raise ValidationError({"answer": exc.messages}) from None


class Attempt(models.Model):
    quiz = models.ForeignKey(Quiz, verbose_name=_("答题活动"), on_delete=models.CASCADE,
                             related_name="attempts")
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("居民"),
                                 on_delete=models.CASCADE, related_name="quiz_attempts")
    number = models.PositiveSmallIntegerField(_("第几次"))
    grid = models.ForeignKey("grids.Grid", verbose_name=_("居住网格"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    question_ids = models.JSONField(_("抽到的题目"), default=list)
    answers = models.JSONField(_("作答"), default=dict)
    started_at = models.DateTimeField(_("开始时间"), default=timezone.now)
    submitted_at = models.DateTimeField(_("交卷时间"), null=True, blank=True)
    score = models.PositiveIntegerField(_("得分"), default=0)
    max_score = models.PositiveIntegerField(_("满分"), default=0)
    passed = models.BooleanField(_("合格"), default=False)
    timed_out = models.BooleanField(_("超时"), default=False)
    points_awarded = models.IntegerField(_("获得积分"), default=0)
    points_note = models.CharField(_("积分说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("答题记录")
        verbose_name_plural = _("答题记录")
        constraints = [models.UniqueConstraint(fields=["quiz", "resident", "number"],
                                               name="quiz_attempt_unique_number")]
        indexes = [models.Index(fields=["quiz", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.quiz} #{self.number}"

    @property
    def deadline(self):
        if not self.quiz.time_limit_seconds:
            return None
        return self.started_at + timedelta(seconds=self.quiz.time_limit_seconds)

    def is_expired(self, when=None) -> bool:
        deadline = self.deadline
        return deadline is not None and (when or timezone.now()) > deadline + GRACE


class Draw(models.Model):
    """锦鲤抽奖: the published, recomputable record of one draw."""

    quiz = models.OneToOneField(Quiz, on_delete=models.CASCADE, related_name="draw")
    winners_count = models.PositiveSmallIntegerField(_("中奖人数"))
    seed = models.CharField(_("随机种子"), max_length=64)
    method = models.TextField(_("抽奖方法"))
    participant_ids = models.JSONField(_("参与者编号"), default=list)
    winner_ids = models.JSONField(_("中奖者编号"), default=list)
    drawn_at = models.DateTimeField(_("抽奖时间"), default=timezone.now)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("锦鲤抽奖")
        verbose_name_plural = _("锦鲤抽奖")
        permissions = [("draw_winners", _("可进行锦鲤抽奖"))]
