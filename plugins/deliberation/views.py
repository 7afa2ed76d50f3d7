"""The resident's pages: the module page, polls, topics and opinions, decisions, 我的."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.grids.scoping import can_access
from core.portal.services import reader_grid

from .forms import OpinionForm
from .manifest import MANIFEST
from .models import STAGE_BODY, Ballot, Suggestion
from .services import DeliberationError, lives_in
from .services import decisions as decision_services
from .services import polls as poll_services
from .services import topics as topic_services

PER_PAGE = 20
PANEL_SIZE = 5


def _context(request: HttpRequest, **extra) -> dict:
    return {"manifest": MANIFEST, "reader_grid": reader_grid(request), **extra}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """模块首页: open polls, topics, the most supported suggestions, published decisions."""
    grid = reader_grid(request)
    polls = list(poll_services.open_polls(grid)[:PANEL_SIZE])
    mine = poll_services.my_ballots(request.user, polls)
    for poll in polls:
        poll.my_ballot = mine.get(poll.pk)
    return render(request, "deliberation/index.html", _context(
        request, polls=polls,
        topics=list(topic_services.visible_topics(grid).filter(status="open")[:PANEL_SIZE]),
        suggestions=list(topic_services.ranked(
            topic_services.visible_suggestions(grid).filter(status="pending"))[:PANEL_SIZE]),
        decisions=list(decision_services.published_decisions(grid)[:PANEL_SIZE]),
    ))


@login_required
def poll_list(request: HttpRequest) -> HttpResponse:
    """Every poll for the reader's region: open first, then the closed ones (constant queries)."""
    grid = reader_grid(request)
    show = "closed" if request.GET.get("show") == "closed" else "open"
    now = timezone.now()
    polls = poll_services.visible_polls(grid)
    if show == "closed":
        polls = polls.filter(closes_at__lte=now).order_by("-closes_at")
    else:
        polls = polls.filter(closes_at__gt=now).order_by("closes_at")
    page = Paginator(polls, PER_PAGE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    mine = poll_services.my_ballots(request.user, items)
    for poll in items:
        poll.my_ballot = mine.get(poll.pk)
    return render(request, "deliberation/poll_list.html", _context(
        request, polls=items, page_obj=page, show=show, query_string=f"show={show}"))


def _poll_for(request: HttpRequest, pk: int):
    """A poll of the reader's region, or one in a staff member's scope (to check results)."""
    poll = get_object_or_404(poll_services.Poll.objects.select_related("grid"), pk=pk)
    visible = poll_services.visible_polls(reader_grid(request)).filter(pk=pk).exists()
    if not visible and not (request.user.is_staff and can_access(request.user, poll)):
        raise Http404
    return poll


@login_required
def poll_detail(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _poll_for(request, pk)
    ballot = Ballot.objects.filter(poll=poll, voter=request.user).prefetch_related(
        "votes__choice").first()
    try:
        poll_services.check_can_vote(poll, request.user)
        refusal = ""
    except DeliberationError as exc:
        refusal = exc.messages[0]
    staff_view = request.user.is_staff and can_access(request.user, poll)
    show_results = poll.results_visible() or staff_view
    return render(request, "deliberation/poll_detail.html", _context(
        request, poll=poll, ballot=ballot, choices=list(poll.choices.all()),
        my_choices={v.choice_id for v in ballot.votes.all()} if ballot else set(),
        can_vote=ballot is None and not refusal, refusal=refusal,
        results=poll_services.results(poll) if show_results else None,
        turnout=poll_services.turnout(poll) if staff_view else None,
    ))


@login_required
@require_POST
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _poll_for(request, pk)
    try:
        ids = [int(value) for value in request.POST.getlist("choice")]
        ballot = poll_services.vote(poll.pk, request.user, ids)
    except ValueError:
        messages.error(request, _("所选选项无效，请重新选择。"))
    except DeliberationError as exc:
        messages.error(request, exc.messages[0])
    else:
        text = _("投票成功，感谢您的参与！")
        if ballot.points_awarded:
            text += _("获得 %(n)s 积分。") % {"n": ballot.points_awarded}
        messages.success(request, text)
    return redirect("deliberation:poll", pk=poll.pk)


@login_required
def topic_list(request: HttpRequest) -> HttpResponse:
    topics = topic_services.visible_topics(reader_grid(request)).order_by("status", "-created_at")
    page = Paginator(topics, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "deliberation/topic_list.html", _context(
        request, topics=list(page.object_list), page_obj=page, query_string=""))


@login_required
def topic_detail(request: HttpRequest, pk: int) -> HttpResponse:
    topic = get_object_or_404(topic_services.visible_topics(reader_grid(request)), pk=pk)
    form = OpinionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                opinion = topic_services.add_opinion(topic.pk, request.user,
                                                     form.cleaned_data["body"],
                                                     form.cleaned_data.get("parent"))
            except DeliberationError as exc:
                messages.error(request, exc.messages[0])
            else:
                if opinion.held_message:
                    messages.warning(request, opinion.held_message)
                else:
                    messages.success(request, _("意见已发表。"))
                return redirect("deliberation:topic", pk=topic.pk)
        else:
            messages.error(request, next(iter(form.errors.values()))[0])
    return render(request, "deliberation/topic_detail.html", _context(
        request, topic=topic, opinions=topic_services.opinions_of(topic), form=form,
        can_comment=topic.status == "open" and request.user.is_verified
        and lives_in(request.user, topic.grid)))


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    decisions = decision_services.published_decisions(reader_grid(request))
    page = Paginator(decisions, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "deliberation/decision_list.html", _context(
        request, decisions=list(page.object_list), page_obj=page, query_string=""))


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(decision_services.published_decisions(reader_grid(request)), pk=pk)
    steps = list(decision.steps.all())
    for step in steps:
        step.body = STAGE_BODY.get(step.stage, "")
    return render(request, "deliberation/decision_detail.html", _context(
        request, decision=decision, steps=steps))


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """我的投票 / 我的建议."""
    ballots = list(Ballot.objects.filter(voter=request.user).select_related("poll")
                   .prefetch_related("votes__choice").order_by("-created_at"))
    suggestions = list(topic_services.with_supports(
        Suggestion.objects.filter(author=request.user)).order_by("-created_at"))
    return render(request, "deliberation/mine.html", _context(
        request, ballots=ballots, suggestions=suggestions))
