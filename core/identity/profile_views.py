"""The resident's own pages: 我的, moving home, password, real-name verification."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from .forms import HomeGridForm, VerificationRequestForm
from .models import VerificationStatus
from .roles import GROUP_NAMES
from .views import picker_context

STATUS_TAGS = {
    VerificationStatus.VERIFIED: "tag--ok",
    VerificationStatus.PENDING: "tag--warn",
    VerificationStatus.REJECTED: "tag--brand",
    VerificationStatus.UNVERIFIED: "",
}


def _plugin_links(request: HttpRequest) -> list:
    links = []
    for _slug, items in request.plugins.call(
        "user_center_links", request=request, user=request.user
    ):
        links.extend(items or [])
    return links


@login_required
def me(request: HttpRequest) -> HttpResponse:
    user = request.user
    roles = [name for name in user.groups.values_list("name", flat=True) if name in GROUP_NAMES.values()]
    context = {
        "tab": "me",
        "profile": user,
        "home_grid_name": user.home_grid.full_name() if user.home_grid else "",
        "status_tag": STATUS_TAGS.get(user.verification_status, ""),
        "can_request_verification": user.verification_status
        in (VerificationStatus.UNVERIFIED, VerificationStatus.REJECTED),
        "badges": list(user.badges.all()),
        "household": user.household,
        "roles": roles,
        "plugin_links": _plugin_links(request),
    }
    return render(request, "identity/me.html", context)


@login_required
def me_edit(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = None
    context: dict = {"tab": "me", "profile": user}
    if not user.is_verified:
        form = HomeGridForm(request.POST or None, initial={"home_grid": user.home_grid})
        if request.method == "POST" and form.is_valid():
            user.home_grid = form.cleaned_data["home_grid"]
            user.save(update_fields=["home_grid"])
            messages.success(request, _("居住网格已更新。"))
            return redirect("me")
        context.update(picker_context(request, form, user.home_grid))
    context["form"] = form
    return render(request, "identity/me_edit.html", context)


@login_required
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
def me_password(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        messages.success(request, _("密码已修改。"))
        return redirect("me")
    return render(request, "identity/password.html", {"tab": "me", "form": form})


@login_required
@sensitive_post_parameters("id_card")
def verification_request(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified:
        messages.info(request, _("您已通过实名认证。"))
        return redirect("me")
    form = VerificationRequestForm(request.POST or None, user=user, initial={"name": user.name})
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("已提交实名认证申请，请等待网格员审核。"))
        return redirect("me")
    return render(request, "identity/verification.html", {"tab": "me", "form": form, "profile": user})
