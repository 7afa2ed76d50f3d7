"""Wagtail's user admin for the custom user: mobile login, real-name and grid fields.

Selected through ``JiayuanUsersConfig.user_viewset`` (Wagtail docs, "custom user
models"). The listing, every object look-up and bulk actions are limited to the
users whose home grid lies in the staff member's scope; superusers see everyone.
Grid and household choices are limited the same way, so a cadre cannot hand out
a scope outside their own.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users

from core.grids.scoping import GridScopedViewSetMixin, scope_queryset

from .forms import clean_id_card_value
from .roles import GROUP_NAMES

PROFILE_FIELDS = ["mobile", "name", "email", "home_grid", "scope_grid", "household", "badges"]
FIELD_WIDGETS = {
    "groups": forms.CheckboxSelectMultiple,
    "badges": forms.CheckboxSelectMultiple,
}


class ProfileFieldsMixin(forms.ModelForm):
    """Drops Wagtail's first/last name (the model has one ``name``), adds the ID card."""

    first_name = None
    last_name = None
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    id_card = forms.CharField(
        label=_("身份证号码"), max_length=20, required=False,
        help_text=_("留空则不修改。号码加密保存，页面上只显示部分号码。"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.id_card_masked:
            self.fields["id_card"].help_text = _("已登记：%(masked)s。留空则不修改。") % {
                "masked": self.instance.id_card_masked
            }

    def limit_choices(self, user: Any) -> None:
        """Offer only grids and households inside ``user``'s scope.

        Only superusers may make superusers or hand out the administrator role.
        """
        for name, grid_field in (("home_grid", ""), ("scope_grid", ""), ("household", "grid")):
            field = self.fields.get(name)
            if field is not None:
                field.queryset = scope_queryset(user, field.queryset, grid_field)
        if not user.is_superuser:
            if "is_superuser" in self.fields:
                self.fields["is_superuser"].disabled = True
            if "groups" in self.fields:
                self.fields["groups"].queryset = self.fields["groups"].queryset.exclude(
                    name=GROUP_NAMES["administrator"]
                )

    def clean_id_card(self) -> str:
        value = self.cleaned_data.get("id_card", "")
        return clean_id_card_value(value, exclude_pk=self.instance.pk) if value else ""

    def save(self, commit: bool = True):
        user = super().save(commit=False)
        if self.cleaned_data.get("id_card"):
            user.set_id_card(self.cleaned_data["id_card"])
        if commit:
            user.save()
            self.save_m2m()
        return user


class JiayuanUserCreationForm(ProfileFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = [*PROFILE_FIELDS, "is_superuser", "groups"]
        widgets = FIELD_WIDGETS


class JiayuanUserEditForm(ProfileFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = [*PROFILE_FIELDS, "is_active", "is_superuser", "groups"]
        widgets = FIELD_WIDGETS


class _LimitChoicesMixin:
    def get_form(self, *args: Any, **kwargs: Any):
        form = super().get_form(*args, **kwargs)
        form.limit_choices(self.request.user)
        return form


class CreateView(_LimitChoicesMixin, wagtail_users.CreateView):
    pass


class EditView(_LimitChoicesMixin, wagtail_users.EditView):
    pass


class IndexView(wagtail_users.IndexView):
    @property
    def columns(self) -> list:
        columns = list(super().columns)
        columns.insert(3, Column("home_grid", label=_("居住网格")))
        columns.insert(4, Column("verification_status", label=_("实名认证"),
                                 accessor="get_verification_status_display"))
        return columns

    @property
    def search_fields(self) -> list[str]:
        return ["mobile", "name"]


class UserViewSet(GridScopedViewSetMixin, wagtail_users.UserViewSet):
    grid_field = "home_grid"
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView

    def get_form_class(self, for_update: bool = False):
        return JiayuanUserEditForm if for_update else JiayuanUserCreationForm

