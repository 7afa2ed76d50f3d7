"""提出建议 and 附议: the ranked list, the form, a suggestion's page and the support button."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.portal.services import reader_grid

from .forms import SuggestionForm
from .manifest import MANIFEST
from .models import Support
from .services import DeliberationError
from .services import topics as topic_services

PER_PAGE = 20


@login_required
def suggestion_list(request: HttpRequest) -> HttpResponse:
    """The community's suggestions, most supported first; mine marked (constant queries)."""
    grid = reader_grid(request)
    suggestions = topic_services.ranked(topic_services.visible_suggestions(grid))
    page = Paginator(suggestions, PER_PAGE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    supported = set(Support.objects.filter(supporter=request.user, suggestion__in=items)
                    .values_list("suggestion_id", flat=True))
    for suggestion in items:
        suggestion.supported = suggestion.pk in supported
    return render(request, "deliberation/suggestion_list.html", {
        "manifest": MANIFEST, "reader_grid": grid, "suggestions": items, "page_obj": page,
        "query_string": ""})


@login_required
def suggestion_new(request: HttpRequest) -> HttpResponse:
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            suggestion = topic_services.make_suggestion(
                request.user, form.cleaned_data["title"], form.cleaned_data["body"])
        except DeliberationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            if suggestion.held_message:
                messages.warning(request, suggestion.held_message)
            else:
                messages.success(request, _("建议已提交，邻居们可以附议，网格长会汇总到问题清单。"))
            return redirect("deliberation:suggestion", pk=suggestion.pk)
    return render(request, "deliberation/suggestion_form.html", {
        "manifest": MANIFEST, "form": form, "reader_grid": reader_grid(request)})


def _suggestion_for(request: HttpRequest, pk: int):
    """One the reader's community may see, or their own (after moving home)."""
    visible = topic_services.visible_suggestions(reader_grid(request)).values("pk")
    queryset = topic_services.with_supports(
        topic_services.Suggestion.objects.filter(pk=pk)).filter(
        topic_services.Q(pk__in=visible) | topic_services.Q(author=request.user))
    return get_object_or_404(queryset, pk=pk)


@login_required
def suggestion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _suggestion_for(request, pk)
    supported = Support.objects.filter(suggestion=suggestion, supporter=request.user).exists()
    return render(request, "deliberation/suggestion_detail.html", {
        "manifest": MANIFEST, "suggestion": suggestion, "supported": supported,
        "can_support": not supported and suggestion.status == "pending"
        and suggestion.author_id != request.user.pk})


@login_required
@require_POST
def support(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _suggestion_for(request, pk)
    try:
        topic_services.support(suggestion.pk, request.user)
    except DeliberationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("已附议，感谢您的支持。"))
    return redirect("deliberation:suggestion", pk=suggestion.pk)
