"""Admin forms: one year's announced days (with its inline dates), and the package copy."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from .models import DayKind, HolidayYear, day_errors
from .services import PACKAGE_YEARS


class HolidayYearForm(WagtailAdminModelForm):
    """Checks the inline dates against the year being typed, and against each other.

    The checks run after the child forms validated themselves (``is_valid``), since a
    ClusterForm's ``clean`` runs before its formsets have cleaned data.
    """

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if not valid:
            return False
        year = self.cleaned_data.get("year")
        seen: set = set()
        holidays = 0
        ok = True
        for form in self.formsets["days"].forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            day, kind = data.get("date"), data.get("kind")
            for message in day_errors(day, kind, year):
                form.add_error("date", message)
                ok = False
            if day in seen:
                form.add_error("date", _("日期 %(d)s 重复录入。") % {"d": day.isoformat()})
                ok = False
            seen.add(day)
            holidays += kind == DayKind.HOLIDAY
        if self.cleaned_data.get("complete") and holidays == 0:
            # Every announced year has 元旦, 春节 … : an empty complete year is a mistake
            # that would silently turn every weekday into a working day.
            self.add_error("complete", _("标记为完整前，请至少录入一个放假日期。"))
            ok = False
        return ok

    def save(self, commit: bool = True) -> HolidayYear:
        if getattr(self.for_user, "pk", None):
            self.instance.entered_by = self.for_user
        return super().save(commit=commit)


class CopyFromPackageForm(forms.Form):
    year = forms.TypedChoiceField(
        label=gettext_lazy("年份"), coerce=int,
        help_text=gettext_lazy("把内置日历中该年的放假与调休日期复制为可编辑的记录（草稿）。"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        taken = set(HolidayYear.objects.values_list("year", flat=True))
        self.fields["year"].choices = [
            (year, str(year)) for year in sorted(PACKAGE_YEARS - taken, reverse=True)]
