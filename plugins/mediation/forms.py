"""Forms: the directory (Wagtail admin model forms) and the case actions on the workbench."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.grids.scoping import grids_in_scope, scope_queryset
from core.identity.roles import GROUP_NAMES

from .models import Mediator, Organisation

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganisationForm(WagtailAdminModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "grid", "address", "phone", "specialities", "description",
                  "active"]
        widgets = {"specialities": forms.CheckboxSelectMultiple,
                   "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["grid"].queryset = grids_in_scope(self.for_user)


class MediatorForm(WagtailAdminModelForm):
    class Meta:
        model = Mediator
        fields = ["organisation", "user", "name", "title", "speciality", "active"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(groups__name=GROUP_NAMES["mediator"],
                                                is_active=True)
        self.fields["user"].queryset = users.order_by("name")
        self.fields["name"].required = False  # defaults to the account's real name
        if self.for_user is not None:
            self.fields["organisation"].queryset = scope_queryset(
                self.for_user, Organisation.objects.all(), "grid")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        user = data.get("user")
        if user is not None and not data.get("name"):
            data["name"] = user.name
            self.instance.name = user.name
        return data


class AssignForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("调解组织"), queryset=Organisation.objects.none(),
                                          error_messages={"required": _("请选择调解组织。")})
    mediator = forms.ModelChoiceField(label=_("调解员"), queryset=Mediator.objects.none(),
                                      error_messages={"required": _("请选择调解员。")})

    def __init__(self, *args, organisations: list[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        pks = [org.pk for org in organisations]
        # Keep the suggestion order (matching speciality, nearest region first).
        orgs = Organisation.objects.filter(pk__in=pks)
        if pks:
            orgs = orgs.order_by(Case(*[When(pk=pk, then=Value(i)) for i, pk in enumerate(pks)],
                                      output_field=IntegerField()))
        self.fields["organisation"].queryset = orgs
        self.fields["mediator"].queryset = (
            Mediator.objects.filter(organisation__in=pks, active=True)
            .select_related("organisation").order_by("organisation__name", "name"))


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("开始时间"), widget=DATETIME,
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                    error_messages={"required": _("请填写开始时间。"),
                                                    "invalid": _("时间格式不正确。")})
    ends_at = forms.DateTimeField(label=_("结束时间"), widget=DATETIME,
                                  input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                  error_messages={"required": _("请填写结束时间。"),
                                                  "invalid": _("时间格式不正确。")})
    place = forms.CharField(label=_("调解地点"), max_length=200, required=False)
    online_link = forms.URLField(label=_("线上调解链接"), required=False, assume_scheme="https",
                                 error_messages={"invalid": _("请输入有效的网址。")})


class NotesForm(forms.Form):
    session = forms.IntegerField(widget=forms.HiddenInput)
    notes = forms.CharField(label=_("调解笔录"), widget=forms.Textarea(attrs={"rows": 4}),
                            error_messages={"required": _("请填写调解笔录。")})


class AgreementForm(forms.Form):
    parties = forms.CharField(label=_("当事人"), widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("每行一位当事人：姓名、身份及联系方式。"),
                              error_messages={"required": _("请填写当事人。")})
    facts = forms.CharField(label=_("纠纷主要事实及争议事项"), widget=forms.Textarea(attrs={"rows": 4}),
                            error_messages={"required": _("请填写纠纷事实。")})
    terms = forms.CharField(label=_("协议内容"), widget=forms.Textarea(attrs={"rows": 4}),
                            error_messages={"required": _("请填写协议内容。")})
    performance_deadline = forms.DateField(label=_("履行期限"), widget=DATE,
                                           error_messages={"required": _("请填写履行期限。"),
                                                           "invalid": _("日期格式不正确。")})
    signed_on = forms.DateField(label=_("签订日期"), widget=DATE, initial=timezone.localdate,
                                error_messages={"required": _("请填写签订日期。"),
                                                "invalid": _("日期格式不正确。")})


class FailureForm(forms.Form):
    reason = forms.CharField(label=_("调解不成的原因"), widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("请填写调解不成的原因。")})


class QueueFilterForm(forms.Form):
    show = forms.ChoiceField(required=False, choices=[
        ("open", _("办理中")), ("pending", _("待分派")), ("closed", _("已结案")), ("all", _("全部"))])
    q = forms.CharField(required=False, label=_("报事编码"))
