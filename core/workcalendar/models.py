"""Administrator-entered official holiday calendars, one year at a time.

The State Council announces each year's holidays and make-up working days (调休) late
in the year before; the ``chinesecalendar`` package only knows the years published
before its release. A ``HolidayYear`` marked complete replaces the package's data
for that year entirely (so a correction can be entered too); an incomplete one is
a draft and the year counts as missing unless the package knows it.

Every change moves ``CalendarVersion`` in the same transaction (see ``signals.py``)
and each process reloads its calendar only when that stamp has moved.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

MIN_YEAR = 2000
MAX_YEAR = 2100


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    MAKEUP_WORKDAY = "makeup_workday", _("调休上班")


class HolidayYear(ClusterableModel):
    year = models.PositiveSmallIntegerField(
        _("年份"), unique=True,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)])
    source = models.CharField(
        _("依据"), max_length=200, blank=True,
        help_text=_("如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕×号）。"))
    complete = models.BooleanField(
        _("已录入完整"), default=False,
        help_text=_("勾选后本年度以此处录入的日期为准（覆盖内置日历）；未勾选视为草稿，不参与计算。"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True,
        editable=False, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("complete")]),
        FieldPanel("source"),
        InlinePanel("days", heading=_("放假与调休日期"), label=_("日期")),
    ]

    class Meta:
        verbose_name = _("节假日年度")
        verbose_name_plural = _("节假日年度")
        ordering = ["-year"]

    def __str__(self) -> str:
        return _("%(year)s 年节假日安排") % {"year": self.year}


class SpecialDay(models.Model):
    holiday_year = ParentalKey(HolidayYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("日期"))
    kind = models.CharField(_("类型"), max_length=16, choices=DayKind.choices,
                            default=DayKind.HOLIDAY)
    name = models.CharField(_("节日"), max_length=30, blank=True,
                            help_text=_("如：春节、国庆节。"))

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")])]

    class Meta:
        verbose_name = _("特殊日期")
        verbose_name_plural = _("特殊日期")
        ordering = ["date"]
        constraints = [
            # One entry per date: a day cannot be both a holiday and a working day.
            models.UniqueConstraint(fields=["date"], name="workcalendar_day_unique_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"

    def clean(self) -> None:
        super().clean()
        # The parent's year is checked by the admin form, which sees the year being typed.
        errors = day_errors(self.date, self.kind, None)
        if errors:
            raise ValidationError({"date": errors})


def day_errors(day, kind: str, year: int | None) -> list[str]:
    """Chinese messages for a special day that cannot be right (empty when it is fine).

    A make-up working day is by definition a Saturday or Sunday worked in exchange;
    a holiday may fall on a weekend (the announced block lists every day off).
    """
    if day is None:
        return []
    errors: list[str] = []
    if year is not None and day.year != year:
        errors.append(str(_("日期 %(d)s 不属于 %(y)s 年。") % {"d": day.isoformat(), "y": year}))
    if kind == DayKind.MAKEUP_WORKDAY and day.weekday() < 5:
        errors.append(str(_("调休上班日 %(d)s 不是周末，本来就是工作日。") % {"d": day.isoformat()}))
    return errors


class CalendarVersion(models.Model):
    """A single row whose value changes with every edit of the calendar."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("日历版本")
        verbose_name_plural = _("日历版本")
