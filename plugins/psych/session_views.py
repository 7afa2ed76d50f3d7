"""Private pages: one appointment (messages, the counselor's note), the counselor's desk.

Every lookup goes through services.appointment_for: only the appointment's resident
and counselor get past it, everyone else (cadres, administrators, superusers, other
counselors) gets 404.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import AnswerForm, MessageForm, NoteForm, QuestionForm
from .manifest import MANIFEST
from .models import AppointmentStatus, Question


@login_required
def appointment(request: HttpRequest, pk: int) -> HttpResponse:
    found = services.appointment_for(request.user, pk)
    is_counselor = found.slot.profile.user_id == request.user.pk
    return render(request, "psych/appointment.html", {
        "manifest": MANIFEST, "appointment": found, "slot": found.slot,
        "is_counselor": is_counselor,
        "chat": list(found.messages.select_related("sender")),
        "message_form": MessageForm(),
        "note_form": NoteForm(initial={"text": found.note}) if is_counselor else None,
        "can_cancel": (found.status == AppointmentStatus.BOOKED
                       and found.slot.starts_at > timezone.now()),
    })


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.cancel(pk, request.user)
    except services.PsychError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("已取消预约。"))
    return redirect("psych:appointment", pk=pk)


@login_required
@require_POST
def message(request: HttpRequest, pk: int) -> HttpResponse:
    found = services.appointment_for(request.user, pk)
    form = MessageForm(request.POST)
    try:
        if not form.is_valid():
            raise services.PsychError(_("请输入内容（不超过2000字）。"))
        services.send_message(found, request.user, form.cleaned_data["text"])
    except services.PsychError as exc:
        messages.error(request, exc.messages[0])
    return redirect("psych:appointment", pk=pk)


@login_required
@require_POST
def note(request: HttpRequest, pk: int) -> HttpResponse:
    form = NoteForm(request.POST)
    if not form.is_valid():
        raise Http404
    services.save_note(pk, request.user, form.cleaned_data["text"])
    messages.success(request, _("笔记已加密保存。"))
    return redirect("psych:appointment", pk=pk)


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    """咨询师工作台: my appointments and questions waiting for an answer."""
    if not services.in_counselor_group(request.user):
        return redirect("psych:index")  # nothing here for anyone else; no data shown
    if not services.is_counselor(request.user):
        return redirect("psych:profile")
    return render(request, "psych/desk.html", {
        "manifest": MANIFEST,
        "appointments": services.counselor_appointments(request.user)
        .filter(slot__starts_at__gte=timezone.now() - timedelta(days=30)),
        "waiting": Question.objects.filter(answer="").order_by("created_at")[:50],
    })


def questions(request: HttpRequest) -> HttpResponse:
    """Answered anonymous questions (public), and the form to ask one."""
    form = QuestionForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        if form.is_valid():
            question = services.ask(request.user, form.cleaned_data["title"],
                                    form.cleaned_data["body"])
            messages.success(request, _("提问已提交，咨询师回答后会通知您。"))
            return redirect("psych:question", pk=question.pk)
    return render(request, "psych/questions.html", {
        "manifest": MANIFEST, "questions": services.answered_questions()[:50], "form": form,
    })


def question(request: HttpRequest, pk: int) -> HttpResponse:
    """Answered: anyone. Unanswered: only the asker and counselors."""
    found = Question.objects.select_related("answered_by").filter(pk=pk).first()
    user = request.user
    counselor = services.is_counselor(user)
    if found is None or (not found.answer and not counselor
                         and not (user.is_authenticated and found.asker_id == user.pk)):
        raise Http404
    form = AnswerForm(request.POST or None, initial={"text": found.answer})
    if counselor and request.method == "POST" and form.is_valid():
        services.answer(found.pk, user, form.cleaned_data["text"])
        messages.success(request, _("回答已发布。"))
        return redirect("psych:question", pk=pk)
    return render(request, "psych/question.html", {
        "manifest": MANIFEST, "question": found, "form": form if counselor else None,
        "mine": user.is_authenticated and found.asker_id == user.pk,
    })
