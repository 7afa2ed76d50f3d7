"""The resident's inbox (消息): list, read one, mark all read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Notification
from .services import mark_read

PER_PAGE = 20


def is_safe_link(url: str) -> bool:
    """A message's link is shown only if it is a path on this site or a web address."""
    if url.startswith("//"):
        return False
    return url.startswith(("/", "https://", "http://"))


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The user's own messages, newest first, unread ones in bold."""
    messages_qs = Notification.objects.filter(recipient=request.user)
    page_obj = Paginator(messages_qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page_obj": page_obj, "tab": "inbox"})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One message; opening it marks it read. Another user's message is a 404."""
    message = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
    link = message.url if is_safe_link(message.url) else ""
    return render(
        request, "notifications/detail.html", {"message": message, "link": link, "tab": "inbox"}
    )


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    """全部已读."""
    count = mark_read(request.user)
    if count:
        messages.success(request, _("已将 %(count)d 条消息标为已读。") % {"count": count})
    return redirect("inbox")
