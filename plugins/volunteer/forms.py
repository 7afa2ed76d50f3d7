"""Forms: the organisers' (Wagtail admin) and the residents' check-in code."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import RegexValidator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.grids.scoping import grids_in_scope, scope_queryset

from .models import Activity, ActivityStatus, Organisation, rule_choices
from .services import notify_cancelled


def organisations_for(user: Any) -> QuerySet[Organisation]:
    """Organisations registered in the user's subtree, plus those the user works for."""
    if user.is_superuser:
        return Organisation.objects.all()
    scoped = scope_queryset(user, Organisation.objects.all(), "grid").values("pk")
    return Organisation.objects.filter(Q(pk__in=scoped) | Q(members=user)).distinct()


class ActivityForm(WagtailAdminModelForm):
    points_rule = forms.TypedChoiceField(label=_("积分规则"), choices=rule_choices,
                                         required=False, empty_value="",
                                         help_text=_("到场确认后按此规则发放积分。"))

    class Meta:
        model = Activity
        fields = ["title", "organisation", "grid", "place", "starts_at", "ends_at", "capacity",
                  "service_hours", "points_rule", "status", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        self._status_before = self.instance.status if self.instance.pk else None
        if user is not None:
            # The viewset mixin limits grids too; the form does it as well so that it
            # is safe wherever it is used.
            self.fields["grid"].queryset = grids_in_scope(user)
            self.fields["organisation"].queryset = organisations_for(user)

    def save(self, commit: bool = True) -> Activity:
        activity = super().save(commit=False)
        if activity.created_by_id is None and self.for_user is not None:
            activity.created_by = self.for_user
        if commit:
            activity.save()
            if (self._status_before not in (None, ActivityStatus.CANCELLED)
                    and activity.status == ActivityStatus.CANCELLED):
                notify_cancelled(activity)
        return activity


class OrganisationForm(WagtailAdminModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "grid", "contact_name", "contact_phone", "description",
                  "members"]
        widgets = {"members": forms.CheckboxSelectMultiple,
                   "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        self.fields["grid"].queryset = grids_in_scope(user)
        staff = scope_queryset(user, get_user_model().objects.filter(is_staff=True, is_active=True),
                               "scope_grid")
        current = self.instance.members.all() if self.instance.pk else get_user_model().objects.none()
        # Keep members someone with a wider scope added, rather than silently dropping them.
        self.fields["members"].queryset = get_user_model().objects.filter(
            Q(pk__in=staff.values("pk")) | Q(pk__in=current.values("pk"))
        ).order_by("name")


class CheckinForm(forms.Form):
    code = forms.CharField(
        label=_("签到码"), min_length=6, max_length=6,
        validators=[RegexValidator(r"^\d{6}$", _("签到码为6位数字。"))],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                      "pattern": r"\d{6}", "placeholder": _("请输入组织方公布的6位签到码")}),
        error_messages={"required": _("请输入签到码。"), "min_length": _("签到码为6位数字。"),
                        "max_length": _("签到码为6位数字。")},
    )
