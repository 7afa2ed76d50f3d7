"""Admin form for an API key: the service account is picked by its mobile number."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from .models import ApiKey


class ApiKeyForm(WagtailAdminModelForm):
    service_mobile = forms.CharField(
        label=gettext_lazy("报事账号手机号"), max_length=11,
        help_text=gettext_lazy("经本接口提交的报事以该账号为报事人；建议为接入系统单独开设账号。"))

    class Meta:
        model = ApiKey
        fields = ["name", "grid", "active"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.service_user_id:
            self.fields["service_mobile"].initial = self.instance.service_user.mobile

    def clean_service_mobile(self):
        mobile = self.cleaned_data["service_mobile"].strip()
        user = get_user_model().objects.filter(mobile=mobile, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("没有手机号为 %(m)s 的有效账号。") % {"m": mobile})
        return user

    def save(self, commit: bool = True) -> ApiKey:
        api_key = super().save(commit=False)
        api_key.service_user = self.cleaned_data["service_mobile"]
        if api_key.created_by_id is None and getattr(self.for_user, "pk", None):
            api_key.created_by = self.for_user
        if commit:
            api_key.save()
        return api_key
