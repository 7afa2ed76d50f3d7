"""法治互动 pages: the public FAQ, asking a question, a question with its answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import faq
from .forms import AnswerForm, QuestionForm
from .manifest import MANIFEST, SLUG
from .models import Question
from .services import CourtError

PER_PAGE = 20


def _config(request: HttpRequest):
    return request.plugins.config(SLUG)


def qa_index(request: HttpRequest) -> HttpResponse:
    """常见问题 (public), and my questions for a signed-in resident."""
    page = Paginator(faq.faq(), PER_PAGE).get_page(request.GET.get("page"))
    mine = []
    if request.user.is_authenticated:
        mine = list(Question.objects.filter(asker=request.user).order_by("-created_at")[:20])
    can_answer = faq.can_answer(request.user, _config(request))
    return render(request, "court/qa_index.html", {
        "manifest": MANIFEST, "page_obj": page, "questions": list(page.object_list),
        "mine": mine, "can_answer": can_answer,
        "open_questions": faq.open_questions() if can_answer else [],
    })


@login_required
def ask(request: HttpRequest) -> HttpResponse:
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            question = faq.ask(request.user, **form.cleaned_data)
        except CourtError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("提问成功，法官或律师解答后会通知您。"))
            return redirect(f"{SLUG}:question", pk=question.pk)
    return render(request, "court/ask.html", {"manifest": MANIFEST, "form": form})


def question(request: HttpRequest, pk: int) -> HttpResponse:
    config = _config(request)
    found = faq.question_for(request.user, pk, config)
    if found is None:
        raise Http404
    return render(request, "court/question.html", {
        "manifest": MANIFEST, "question": found,
        "answers": faq.answers_for(request.user, found, config),
        "is_mine": found.asker_id == getattr(request.user, "pk", None),
        "can_answer": faq.can_answer(request.user, config) and found.asker_id != request.user.pk,
        "form": AnswerForm(),
    })


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    config = _config(request)
    if faq.question_for(request.user, pk, config) is None:
        raise Http404
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect(f"{SLUG}:question", pk=pk)
    try:
        faq.answer(pk, request.user, form.cleaned_data["body"], config=config)
    except CourtError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("解答已提交，经审核公开后将显示在常见问题中。"))
    return redirect(f"{SLUG}:question", pk=pk)
