"""Staff forms of the Wagtail admin: choices limited to the user's subtree."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy

from core.grids.scoping import grids_in_scope, scope_queryset

from . import services
from .models import Council, IssueList, Meeting, Opinion, Suggestion, SuggestionStatus
from .services.issues import ANSWERS, respond


class NoAddPermissionPolicy(ModelPermissionPolicy):
    """Rows residents create (suggestions, opinions): staff answer or hide, never add."""

    def user_has_permission(self, user, action):
        return action not in ("add", "delete") and super().user_has_permission(user, action)


class CouncilAdminForm(WagtailAdminModelForm):
    """Member accounts: residents living in the user's subtree (keeping any already chosen)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        self.fields["grid"].queryset = grids_in_scope(user).filter(level="community")
        residents = scope_queryset(user, get_user_model().objects.filter(is_active=True),
                                   "home_grid").order_by("name")
        formset = self.formsets.get("members")
        if formset is not None:
            for form in [*formset.forms, formset.empty_form]:
                current = form.instance.user_id
                queryset = residents
                if current:
                    queryset = (residents | get_user_model().objects.filter(pk=current)).distinct()
                form.fields["user"].queryset = queryset
                form.fields["user"].required = False


class MeetingAdminForm(WagtailAdminModelForm):
    class Meta:
        model = Meeting
        fields = ["council", "title", "held_at", "place", "issue_list", "status", "minutes",
                  "decisions"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 8}),
                   "decisions": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["council"].queryset = scope_queryset(self.for_user, Council.objects.all())
            self.fields["issue_list"].queryset = scope_queryset(self.for_user,
                                                                IssueList.objects.all())

    def clean(self):
        data = super().clean()
        council, issue_list = data.get("council"), data.get("issue_list")
        if council and issue_list and not (issue_list.grid.is_within(council.grid)
                                           or council.grid.is_within(issue_list.grid)):
            self.add_error("issue_list", _("问题清单须属于本议事会所在村社。"))
        return data


class OpinionAdminForm(WagtailAdminModelForm):
    class Meta:
        model = Opinion
        fields = ["hidden"]


class SuggestionAnswerForm(WagtailAdminModelForm):
    """Answering goes through ``services.issues.respond``: notification and points included."""

    status = forms.ChoiceField(label=_("处理结果"), choices=[(s.value, s.label) for s in ANSWERS])

    class Meta:
        model = Suggestion
        fields = ["status", "reply", "hidden"]
        widgets = {"reply": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reply"].required = True
        self.fields["reply"].error_messages["required"] = _("请填写给居民的答复。")
        if self.instance.status == SuggestionStatus.PENDING:
            self.initial["status"] = SuggestionStatus.ADOPTED

    def clean_status(self) -> str:
        status = self.cleaned_data["status"]
        if self.instance.status == SuggestionStatus.ADOPTED and status != SuggestionStatus.ADOPTED:
            raise forms.ValidationError(_("已采纳的建议不能改为其他结果。"))
        return status

    def save(self, commit: bool = True) -> Suggestion:
        try:
            suggestion = respond(self.instance.pk, self.for_user, self.cleaned_data["status"],
                                 self.cleaned_data["reply"])
        except services.DeliberationError as exc:  # e.g. moved out of scope meanwhile
            raise forms.ValidationError(exc.messages[0]) from exc
        if suggestion.hidden != self.cleaned_data["hidden"]:  # a moderator's review
            suggestion.hidden = self.cleaned_data["hidden"]
            suggestion.save(update_fields=["hidden"])
        return suggestion
