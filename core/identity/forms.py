"""Forms for registration, login, real-name details and verification decisions.

The API (``api.py``) validates with these same forms, so the web pages and the
mini-program give the same Chinese messages.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate, get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from core.grids.models import Grid

from . import crypto, throttling
from .gridpicker import HOME_LEVELS, home_grid_choices
from .idcard import normalise_id_card, validate_id_card
from .models import VerificationStatus, mobile_validator
from .roles import GROUP_NAMES

User = get_user_model()

DUPLICATE_MOBILE = _("该手机号已注册，请直接登录。")
DUPLICATE_ID_CARD = _(
    "该身份证号码已绑定其他账号。一个实名身份只能注册一个账号，如有疑问请联系所在网格员。"
)
BAD_LOGIN = _("手机号或密码不正确。")


def clean_id_card_value(value: str, exclude_pk: int | None = None) -> str:
    """Validate an ID-card number and make sure no other account holds it."""
    validate_id_card(value)
    number = normalise_id_card(value)
    holders = User._default_manager.filter(id_card_digest=crypto.blind_index(number))
    if exclude_pk is not None:
        holders = holders.exclude(pk=exclude_pk)
    if holders.exists():
        raise ValidationError(DUPLICATE_ID_CARD, code="duplicate_id_card")
    return number


def _mobile_field() -> forms.CharField:
    return forms.CharField(
        label=_("手机号码"), max_length=11, validators=[mobile_validator],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "numeric"}),
    )


def _id_card_field(required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=_("身份证号码"), max_length=20, required=required,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("18位居民身份证号码，仅用于实名认证，加密保存。"),
    )


class HomeGridField(forms.ModelChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=Grid.objects.filter(level__in=HOME_LEVELS), to_field_name="code",
            label=_("居住网格"), empty_label=_("请选择网格"), **kwargs,
        )

    def offer(self, community: Grid | None) -> None:
        """Show only the chosen community's grids (the queryset still validates)."""
        self.choices = [("", self.empty_label), *home_grid_choices(community)]


class RegistrationForm(forms.Form):
    mobile = _mobile_field()
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_card = _id_card_field()
    home_grid = HomeGridField()
    password1 = forms.CharField(
        label=_("密码"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("至少8位，不能全是数字，不要与手机号或姓名相近。"),
    )
    password2 = forms.CharField(
        label=_("确认密码"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_mobile(self) -> str:
        mobile = self.cleaned_data["mobile"]
        if User._default_manager.filter(mobile=mobile).exists():
            raise ValidationError(DUPLICATE_MOBILE, code="duplicate_mobile")
        return mobile

    def clean_id_card(self) -> str:
        return clean_id_card_value(self.cleaned_data["id_card"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("两次输入的密码不一致。"))
        elif first:
            probe = User(mobile=data.get("mobile", ""), name=data.get("name", ""))
            try:
                password_validation.validate_password(first, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return data

    def save(self):
        """Create the resident in one transaction; None (with form errors) on a race."""
        data = self.cleaned_data
        user = User(
            mobile=data["mobile"], name=data["name"], home_grid=data["home_grid"],
            verification_status=VerificationStatus.PENDING,
        )
        user.set_password(data["password1"])
        user.set_id_card(data["id_card"])
        try:
            with transaction.atomic():
                user.save()
                user.groups.add(Group.objects.get(name=GROUP_NAMES["resident"]))
        except IntegrityError:
            if User._default_manager.filter(mobile=data["mobile"]).exists():
                self.add_error("mobile", DUPLICATE_MOBILE)
            else:
                self.add_error("id_card", DUPLICATE_ID_CARD)
            return None
        return user


class LoginForm(forms.Form):
    mobile = _mobile_field()
    password = forms.CharField(
        label=_("密码"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        mobile, password = data.get("mobile"), data.get("password")
        if not mobile or not password:
            return data
        if throttling.is_request_locked(self.request, mobile):
            raise ValidationError(throttling.LOCKED_MESSAGE, code="locked")
        self.user = authenticate(self.request, mobile=mobile, password=password)
        if self.user is None:
            if throttling.is_request_locked(self.request, mobile):
                raise ValidationError(throttling.LOCKED_MESSAGE, code="locked")
            raise ValidationError(BAD_LOGIN, code="invalid_login")
        return data


class AdminLoginForm(WagtailLoginForm):
    """Wagtail's admin login with the same lockout message (WAGTAILADMIN_USER_LOGIN_FORM)."""

    def clean(self) -> dict[str, Any]:
        mobile = self.cleaned_data.get("username") or ""
        if throttling.is_request_locked(self.request, mobile):
            raise ValidationError(throttling.LOCKED_MESSAGE, code="locked")
        try:
            return super().clean()
        except ValidationError:
            if throttling.is_request_locked(self.request, mobile):
                raise ValidationError(throttling.LOCKED_MESSAGE, code="locked") from None
            raise


class SmsSendForm(forms.Form):
    mobile = _mobile_field()


class SmsVerifyForm(forms.Form):
    mobile = _mobile_field()
    code = forms.RegexField(
        label=_("验证码"), regex=r"^\d{6}$",
        error_messages={"invalid": _("请输入6位数字验证码。")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class VerificationRequestForm(forms.Form):
    """A resident (re)submits their real name for verification by a grid worker."""

    name = forms.CharField(label=_("姓名"), max_length=50)
    id_card = _id_card_field(required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if user.id_card_encrypted:
            self.fields["id_card"].help_text = _(
                "已登记：%(masked)s。无需修改请留空。"
            ) % {"masked": user.id_card_masked}
        else:
            self.fields["id_card"].required = True

    def clean_id_card(self) -> str:
        value = self.cleaned_data.get("id_card", "")
        if not value:
            return ""
        return clean_id_card_value(value, exclude_pk=self.user.pk)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.user.is_verified:
            raise ValidationError(_("您已通过实名认证，实名信息不可修改。"), code="verified")
        return data

    def save(self):
        """Store the details and put the resident in the verification queue."""
        user = self.user
        user.name = self.cleaned_data["name"]
        if self.cleaned_data.get("id_card"):
            user.set_id_card(self.cleaned_data["id_card"])
        user.verification_status = VerificationStatus.PENDING
        user.verification_note = ""
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            self.add_error("id_card", DUPLICATE_ID_CARD)
            return None
        return user


class HomeGridForm(forms.Form):
    """Moving home: allowed until the real name is verified."""

    home_grid = HomeGridField()


class VerificationDecisionForm(forms.Form):
    APPROVE, REJECT = "approve", "reject"

    decision = forms.ChoiceField(
        label=_("审核结果"), choices=[(APPROVE, _("通过")), (REJECT, _("不通过"))]
    )
    note = forms.CharField(
        label=_("审核意见"), max_length=200, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("不通过时必须填写原因，居民会在消息中看到。"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == self.REJECT and not (data.get("note") or "").strip():
            self.add_error("note", _("请填写不通过的原因。"))
        return data
