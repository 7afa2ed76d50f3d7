"""The cadre's public answer to a question, in the admin (see viewsets.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Question, QuestionStatus


class AnswerForm(WagtailAdminModelForm):
    """The cadre's public answer (admin). Saving goes through services.update_question."""

    class Meta:
        model = Question
        fields = ["answer", "status"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (QuestionStatus.ANSWERED, _("公开答复")),
            (QuestionStatus.OPEN, _("待答复")),
            (QuestionStatus.HIDDEN, _("隐藏（不当内容）")),
        ]
        if self.instance.status == QuestionStatus.PENDING:
            self.fields["status"].help_text = _("该问题被敏感词筛查暂缓显示，答复或改为待答复即公开。")
        self.initial.setdefault("status", QuestionStatus.ANSWERED)
        if self.instance.status in (QuestionStatus.PENDING, QuestionStatus.OPEN):
            self.initial["status"] = QuestionStatus.ANSWERED

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        from .services import ANSWER_PERMISSION

        if self.for_user is not None and not self.for_user.has_perm(ANSWER_PERMISSION):
            raise forms.ValidationError(_("您没有答复居民质询的权限。"))
        if cleaned.get("status") == QuestionStatus.ANSWERED and not (
                cleaned.get("answer") or "").strip():
            self.add_error("answer", _("公开答复时请填写答复内容。"))
        return cleaned

    def save(self, commit: bool = True) -> Any:
        from . import services

        question = self.instance
        return services.update_question(question.pk, self.for_user,
                                        answer=self.cleaned_data.get("answer", ""),
                                        status=self.cleaned_data["status"])
