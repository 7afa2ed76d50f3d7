"""Resident routes under /disclosure/: the section page, asking a question, attachments.

Posting pages themselves are served by Wagtail at /disclosure/<slug>/
(``PostingPage.serve`` applies the reading rule).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.models import Site
from wagtail.views import serve_chain

from . import services
from .forms import QuestionForm
from .manifest import MANIFEST
from .models import PostingAttachment, Question


def index(request: HttpRequest) -> HttpResponse:
    """The 村务公开 section page in place; the same list without it before it exists."""
    page = services.index_for_site(Site.find_for_request(request))
    if page is not None and page.live:
        return serve_like_wagtail(page, request)
    context = {"page": None, "manifest": MANIFEST, **services.listing_context(request)}
    return render(request, "disclosure/index.html", context)


def serve_like_wagtail(page, request: HttpRequest) -> HttpResponse:
    """Serve ``page`` through Wagtail's serve hooks (view restrictions, the plugin guard)."""
    chain = serve_chain
    for wrap in reversed(hooks.get_hooks("on_serve_page")):
        chain = wrap(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, (), {})
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, (), {})


@login_required
@require_POST
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    posting = get_object_or_404(services.readable_postings(request.user), pk=pk)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect(posting.url + "#ask")
    try:
        question = services.ask_question(posting.pk, request.user, form.cleaned_data["text"],
                                         anonymous=form.cleaned_data["anonymous"],
                                         held=form.held)
    except services.DisclosureError as exc:
        messages.error(request, exc.messages[0])
        return redirect(posting.url + "#ask")
    if form.held:
        messages.warning(request, _("已提交，待管理员审核后公开显示。"))
    else:
        messages.success(request, _("提问已提交，村社干部答复后会通知您。"))
    return redirect(f"{posting.url}#q{question.pk}")


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """我的质询: the resident's questions and their answers, newest first."""
    questions = (Question.objects.filter(asker=request.user)
                 .select_related("posting__target_grid").order_by("-created_at"))
    return render(request, "disclosure/mine.html", {"manifest": MANIFEST, "questions": questions})


@login_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A posting's PDF, for readers of that posting only (inline, so phones preview it)."""
    item = (PostingAttachment.objects.select_related("document")
            .filter(pk=pk, posting__in=services.readable_postings(request.user)).first())
    if item is None:
        raise Http404
    try:
        handle = item.document.file.open("rb")
    except (OSError, ValueError):
        raise Http404 from None
    return FileResponse(handle, content_type="application/pdf",
                        filename=f"{item.display_title}.pdf")
