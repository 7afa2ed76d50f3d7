"""The identity API for the mini-program: session login, registration, "me".

Validation goes through the same Django forms as the web pages, so every error
is the same Chinese message. Errors answer ``{"detail": "…", "errors": {field:
[…]}}``. Session authentication keeps CSRF on for signed-in unsafe requests.
"""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from . import sms, throttling
from .forms import (
    LoginForm,
    RegistrationForm,
    SmsSendForm,
    SmsVerifyForm,
    VerificationRequestForm,
)
from .permissions import ConsentGiven
from .roles import GROUP_NAMES
from .views import BACKEND

TAGS = ["身份"]


# --- serializers (responses, and request bodies for the schema) ------------------


class IdentityMessageSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="给用户看的中文说明")


class IdentityErrorSerializer(IdentityMessageSerializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="按字段列出的错误信息，__all__ 为整体错误",
    )


class ProfileBadgeSerializer(serializers.Serializer):
    name = serializers.CharField()
    colour = serializers.CharField()


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    mobile = serializers.CharField(source="masked_mobile", help_text="脱敏手机号，如 138****5678")
    id_card = serializers.CharField(
        source="id_card_masked", help_text="脱敏身份证号，如 3304**********1234"
    )
    home_grid = serializers.SerializerMethodField(help_text="居住网格")
    verification_status = serializers.CharField(help_text="unverified/pending/verified/rejected")
    verification_status_label = serializers.CharField(source="get_verification_status_display")
    verification_note = serializers.CharField()
    consented = serializers.BooleanField(source="has_consented")
    badges = ProfileBadgeSerializer(many=True, source="badges.all")
    household = serializers.SerializerMethodField()
    roles = serializers.SerializerMethodField(help_text="角色名称")

    def get_home_grid(self, user) -> dict | None:
        grid = user.home_grid
        if grid is None:
            return None
        return {"code": grid.code, "name": grid.name, "full_name": grid.full_name()}

    def get_household(self, user) -> str | None:
        return str(user.household) if user.household_id else None

    def get_roles(self, user) -> list[str]:
        names = set(GROUP_NAMES.values())
        return [name for name in user.groups.values_list("name", flat=True) if name in names]


class RegisterRequestSerializer(serializers.Serializer):
    mobile = serializers.CharField(help_text="11位手机号")
    name = serializers.CharField()
    id_card = serializers.CharField(help_text="18位居民身份证号码")
    home_grid = serializers.CharField(help_text="网格或微网格的区划代码（见 /api/grids/）")
    password1 = serializers.CharField()
    password2 = serializers.CharField()


class LoginRequestSerializer(serializers.Serializer):
    mobile = serializers.CharField()
    password = serializers.CharField()


class SmsSendRequestSerializer(serializers.Serializer):
    mobile = serializers.CharField()


class SmsVerifyRequestSerializer(serializers.Serializer):
    mobile = serializers.CharField()
    code = serializers.CharField(help_text="6位数字验证码")


class VerificationRequestSerializer(serializers.Serializer):
    name = serializers.CharField()
    id_card = serializers.CharField(required=False, help_text="已登记且无需修改时可省略")


# --- helpers ---------------------------------------------------------------------


def form_errors(form, code: int = status.HTTP_400_BAD_REQUEST) -> Response:
    errors = {field: [str(message) for message in messages] for field, messages in form.errors.items()}
    first = next(iter(errors.values()), [_("提交的信息有误。")])[0]
    return Response({"detail": first, "errors": errors}, status=code)


def message(text: str, code: int = status.HTTP_200_OK) -> Response:
    return Response({"detail": str(text)}, status=code)


def me_response(user, code: int = status.HTTP_200_OK) -> Response:
    return Response(MeSerializer(user).data, status=code)


class PublicAPIView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"


# --- views -----------------------------------------------------------------------


class RegisterView(PublicAPIView):
    @extend_schema(
        tags=TAGS, summary="居民注册", request=RegisterRequestSerializer,
        responses={201: MeSerializer, 400: IdentityErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        form = RegistrationForm(request.data)
        if not form.is_valid():
            return form_errors(form)
        user = form.save()
        if user is None:
            return form_errors(form)
        login(request, user, backend=BACKEND)
        return me_response(user, status.HTTP_201_CREATED)


class LoginView(PublicAPIView):
    @extend_schema(
        tags=TAGS, summary="手机号密码登录", request=LoginRequestSerializer,
        responses={200: MeSerializer, 400: IdentityErrorSerializer, 429: IdentityErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        form = LoginForm(request.data, request=request)
        if not form.is_valid():
            locked = any(error.code == "locked" for error in form.non_field_errors().as_data())
            return form_errors(form, status.HTTP_429_TOO_MANY_REQUESTS if locked else 400)
        login(request, form.user, backend=BACKEND)
        return me_response(form.user)


class SmsSendView(PublicAPIView):
    throttle_scope = "sms"

    @extend_schema(
        tags=TAGS, summary="发送登录验证码", request=SmsSendRequestSerializer,
        responses={200: IdentityMessageSerializer, 400: IdentityErrorSerializer, 429: IdentityErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        form = SmsSendForm(request.data)
        if not form.is_valid():
            return form_errors(form)
        try:
            sms.send_login_code(form.cleaned_data["mobile"])
        except sms.SmsLoginError as error:
            form.add_error("mobile", str(error))
            return form_errors(form, status.HTTP_429_TOO_MANY_REQUESTS)
        return message(_("如该手机号已注册，验证码已发送，5分钟内有效。"))


class SmsVerifyView(PublicAPIView):
    @extend_schema(
        tags=TAGS, summary="验证码登录", request=SmsVerifyRequestSerializer,
        responses={200: MeSerializer, 400: IdentityErrorSerializer, 429: IdentityErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        form = SmsVerifyForm(request.data)
        if not form.is_valid():
            return form_errors(form)
        mobile = form.cleaned_data["mobile"]
        try:
            user = sms.verify_login_code(mobile, form.cleaned_data["code"], request)
        except sms.SmsLoginError as error:
            form.add_error("code", str(error))
            locked = throttling.is_request_locked(request, mobile)
            return form_errors(form, status.HTTP_429_TOO_MANY_REQUESTS if locked else 400)
        login(request, user, backend=BACKEND)
        return me_response(user)


class LogoutView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=TAGS, summary="退出登录", request=None, responses={200: IdentityMessageSerializer})
    def post(self, request: Request) -> Response:
        logout(request)
        return message(_("您已安全退出。"))


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=TAGS, summary="我的资料（脱敏）", responses={200: MeSerializer})
    def get(self, request: Request) -> Response:
        return me_response(request.user)


class ConsentView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS, summary="同意用户服务协议与隐私政策", request=None,
        responses={200: MeSerializer},
    )
    def post(self, request: Request) -> Response:
        request.user.record_consent()
        return me_response(request.user)


class VerificationView(APIView):
    permission_classes = [IsAuthenticated, ConsentGiven]

    @extend_schema(
        tags=TAGS, summary="提交实名认证申请", request=VerificationRequestSerializer,
        responses={200: MeSerializer, 400: IdentityErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        form = VerificationRequestForm(request.data, user=request.user)
        if not form.is_valid() or form.save() is None:
            return form_errors(form)
        return me_response(request.user)
