"""Forms: the posting page form (admin), the resident's question, the cadre's answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from core.grids.page_forms import GridTargetedPageForm

from . import figures

COMMUNITY = "community"


class PostingPageForm(GridTargetedPageForm):
    """Village in the editor's region only; figures that add up; a note for corrections.

    The figures are checked here against the *submitted* lines (the page instance
    only receives them when the form saves), then again by ``PostingPage.clean``
    when the revision is saved, so other save paths get the same rules.
    """

    target_noun = _("公开事项")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("target_grid")
        if field is not None:
            field.queryset = field.queryset.filter(level=COMMUNITY)
        self._clear_previous_note()

    def _clear_previous_note(self) -> None:
        """Each correction needs its own note: don't prefill the one already published."""
        from .models import Publication

        if not self.instance.pk or self.is_bound:
            return
        last = Publication.objects.filter(posting_id=self.instance.pk).order_by("-number").first()
        if last is not None and (self.initial.get("correction_note") or "") == last.note:
            self.initial["correction_note"] = ""

    def _post_clean(self) -> None:
        self.instance._form_validating = True
        try:
            super()._post_clean()
        finally:
            self.instance._form_validating = False

    def _submitted(self, name: str) -> list[dict[str, Any]]:
        """Cleaned rows of an inline formset, without deleted and empty extra rows."""
        formset = self.formsets.get(name)
        if formset is None:
            return []
        rows = []
        for form in formset.forms:
            if not form.is_valid() or not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            rows.append(form.cleaned_data)
        return rows

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        from .models import Kind, build_snapshot, correction_problem, period_label

        lines = [figures.Line(row["direction"], row["subject"], row["amount"],
                              row.get("note") or "")
                 for row in self._submitted("finance_lines")]
        kind = cleaned.get("kind")
        totals = {field: cleaned.get(field) for field in figures.TOTAL_FIELDS}
        if kind == Kind.FINANCE:
            for field, message in figures.totals_errors(*totals.values(), lines).items():
                self.add_error(field, message)
        elif lines:
            self.add_error("kind", _("只有财务公开可以填写收支明细。"))
        if self.instance.pk and not self.errors:
            grid = cleaned.get("target_grid")
            current = build_snapshot(
                title=cleaned.get("title", ""),
                period=period_label(cleaned.get("year"), cleaned.get("period_kind"),
                                    cleaned.get("period_number")),
                village=grid.name if grid else "", body=cleaned.get("body"),
                totals=totals if kind == Kind.FINANCE else {}, lines=lines,
                attachments=[(row.get("title") or row["document"].title, row["document"].pk)
                             for row in self._submitted("attachments")])
            problem = correction_problem(self.instance.pk, current,
                                         cleaned.get("correction_note", ""))
            if problem:
                self.add_error("correction_note", problem)
        return cleaned


def moderation_verdict(text: str) -> Any | None:
    """The core sensitive-word screen's verdict, when that service is installed."""
    if not apps.is_installed("core.moderation"):
        return None
    from core.moderation.services import screen

    return screen(text)


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("我的问题"), min_length=5, max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("对本次公开内容有疑问？请具体说明，村社干部将公开答复。")}),
        error_messages={"required": _("请填写问题内容。"),
                        "min_length": _("问题太短了，请至少写5个字。"),
                        "max_length": _("问题不能超过500字。")},
    )
    anonymous = forms.BooleanField(label=_("匿名提问（其他居民看不到我的姓名）"), required=False)

    held = False  # True when the screen keeps the question for review

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        verdict = moderation_verdict(text)
        if verdict is not None:
            if verdict.action == "block":
                raise forms.ValidationError(verdict.message)
            self.held = verdict.action == "hold"
        return text
