"""Resident pages: 我的来信 (list), 写信 (form) and one letter with its replies."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import services
from .forms import LetterForm
from .manifest import MANIFEST
from .services import community_of

PER_PAGE = 20


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """我的来信: the resident's letters, newest first, with their status."""
    page_obj = Paginator(services.letters_of(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "mailbox/index.html", {"manifest": MANIFEST, "page_obj": page_obj})


@login_required
def new(request: HttpRequest) -> HttpResponse:
    """写信, addressed to the village or community of the resident's home grid."""
    grid = request.user.home_grid
    form = LetterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.write_letter(request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("来信已送达，网格员和社区干部会尽快答复，答复会发送到您的消息中。"))
            return redirect("mailbox:detail", pk=letter.pk)
    return render(request, "mailbox/new.html", {
        "manifest": MANIFEST, "form": form,
        "community": community_of(grid) if grid else None,
    })


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One of the resident's own letters; anyone else's answers 404."""
    letter = get_object_or_404(services.letters_of(request.user), pk=pk)
    return render(request, "mailbox/detail.html", {
        "manifest": MANIFEST, "letter": letter, "replies": list(letter.replies.all()),
        "community": community_of(letter.grid),
    })
