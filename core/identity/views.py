"""Resident sign-up, login (password or SMS code), logout and consent."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from . import sms
from .forms import LoginForm, RegistrationForm, SmsSendForm, SmsVerifyForm
from .gridpicker import area_chain, area_selects, chain_for, community_of

BACKEND = "core.identity.backends.MobilePasswordBackend"


def safe_next(request: HttpRequest, default: str = "/") -> str:
    """The ``next`` parameter if it points at this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def picker_context(request: HttpRequest, form, current_grid=None) -> dict:
    """Cascading area selects for a form with a ``home_grid`` field."""
    values = request.GET.getlist("area")
    chain = area_chain(values) if values else chain_for(current_grid) or area_chain([])
    community = community_of(chain)
    form.fields["home_grid"].offer(community)
    return {"area_selects": area_selects(chain), "community": community}


@sensitive_post_parameters("password1", "password2", "id_card")
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("me")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        if user is not None:
            login(request, user, backend=BACKEND)
            messages.success(request, _("注册成功，请阅读并同意用户服务协议。"))
            return redirect(f"{reverse('identity:consent')}?{urlencode({'next': reverse('me')})}")
    context = {"form": form, **picker_context(request, form)}
    return render(request, "identity/register.html", context)


@sensitive_post_parameters("password")
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        login(request, form.user, backend=BACKEND)
        return redirect(safe_next(request))
    return render(request, "identity/login.html", {"form": form, "next": safe_next(request, "")})


@sensitive_post_parameters("code")
def sms_login(request: HttpRequest) -> HttpResponse:
    send_form = SmsSendForm(prefix="send")
    verify_form = SmsVerifyForm(prefix="verify")
    if request.method == "POST" and request.POST.get("action") == "send":
        send_form = SmsSendForm(request.POST, prefix="send")
        if send_form.is_valid():
            mobile = send_form.cleaned_data["mobile"]
            try:
                sms.send_login_code(mobile)
            except sms.SmsLoginError as error:
                send_form.add_error("mobile", str(error))
            else:
                messages.success(request, _("如该手机号已注册，验证码已发送，5分钟内有效。"))
                verify_form = SmsVerifyForm(prefix="verify", initial={"mobile": mobile})
    elif request.method == "POST":
        verify_form = SmsVerifyForm(request.POST, prefix="verify")
        if verify_form.is_valid():
            data = verify_form.cleaned_data
            try:
                user = sms.verify_login_code(data["mobile"], data["code"], request)
            except sms.SmsLoginError as error:
                verify_form.add_error("code", str(error))
            else:
                login(request, user, backend=BACKEND)
                return redirect(safe_next(request))
    context = {"send_form": send_form, "verify_form": verify_form, "next": safe_next(request, "")}
    return render(request, "identity/sms_login.html", context)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("您已安全退出。"))
    return redirect("/")


@login_required
def consent(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        request.user.record_consent()
        return redirect(safe_next(request))
    return render(request, "identity/consent.html", {"next": safe_next(request, "")})
