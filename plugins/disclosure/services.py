"""Who reads what, the publication record, and the question-and-answer flow.

Reading rule (三务公开 is for the village's own members): a resident reads the
postings of the village (community) their home grid belongs to; staff also read
the postings of every village in their scope subtree, to supervise; visitors
and residents of other villages read nothing — not even titles, because a
低保 list or a village's accounts are not for outsiders (村务公开 regulations
address 本村村民; the platform is real-name, so "the village" is well defined).

Every list goes through ``readable_postings`` so that the rule lives here once.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from core.grids.models import Grid
from core.grids.scoping import scope_queryset, user_scope
from core.notifications.services import notify

from . import figures
from .models import (
    DisclosureIndexPage,
    Kind,
    PostingPage,
    Publication,
    Question,
    QuestionStatus,
)

PER_PAGE = 20
QUESTIONS_PER_DAY = 10  # per resident: enough for real questions, not for flooding
ANSWER_PERMISSION = "disclosure.answer_question"


class DisclosureError(ValidationError):
    """An action that was refused; nothing was changed. The message is for residents."""


# --- reading ---------------------------------------------------------------------------


def readable_q(user: Any) -> Q:
    """Postings ``user`` may read, as a filter (no query)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    condition = Q(pk__in=[])
    home: Grid | None = user.home_grid
    if home is not None:  # the village is an ancestor of (or is) the home grid
        condition |= Q(target_grid__path__in=home.chain_paths())
    scope = user_scope(user) if user.is_staff else None
    if scope is not None:
        condition |= Q(target_grid__path__startswith=scope.path)
    return condition


def readable_postings(user: Any) -> QuerySet[PostingPage]:
    return PostingPage.objects.live().public().filter(readable_q(user))


def can_read(user: Any, posting: PostingPage) -> bool:
    return readable_postings(user).filter(pk=posting.pk).exists()


def with_counts(postings: QuerySet[PostingPage]) -> QuerySet[PostingPage]:
    """Annotate corrections and public questions so that lists need no query per row."""
    return postings.select_related("target_grid").annotate(
        corrections=Count("publications", filter=Q(publications__is_correction=True),
                          distinct=True),
        question_count=Count("questions", filter=Q(questions__status__in=PUBLIC_STATUSES),
                             distinct=True),
    )


PUBLIC_STATUSES = (QuestionStatus.OPEN, QuestionStatus.ANSWERED)


@dataclass
class PeriodGroup:
    label: str
    postings: list[PostingPage]


def listing_context(request: HttpRequest) -> dict[str, Any]:
    """The index: the reader's postings, filtered by kind, grouped by period."""
    user = request.user
    kind = request.GET.get("kind", "")
    postings = with_counts(readable_postings(user))
    if kind in Kind.values:
        postings = postings.filter(kind=kind)
    else:
        kind = ""
    postings = postings.order_by("-period_order", "target_grid__path", "kind", "-pk")
    page = Paginator(postings, PER_PAGE).get_page(request.GET.get("page"))
    groups: OrderedDict[str, PeriodGroup] = OrderedDict()
    villages = set()
    for posting in page.object_list:
        label = posting.period_label
        groups.setdefault(label, PeriodGroup(label, [])).postings.append(posting)
        villages.add(posting.target_grid_id)
    return {
        "groups": list(groups.values()), "page_obj": page, "kind": kind,
        "kinds": Kind.choices, "query_string": f"kind={kind}" if kind else "",
        "many_villages": len(villages) > 1, "village": _reader_village(user),
    }


def _reader_village(user: Any) -> Grid | None:
    home = getattr(user, "home_grid", None) if user.is_authenticated else None
    if home is None:
        return None
    return Grid.objects.filter(path__in=home.chain_paths(), level="community").first()


def visible_questions(posting: PostingPage, user: Any) -> list[Question]:
    """Public questions, plus the reader's own ones still held for review."""
    own = Q(asker=user, status=QuestionStatus.PENDING) if user.is_authenticated else Q(pk__in=[])
    return list(posting.questions.filter(Q(status__in=PUBLIC_STATUSES) | own)
                .select_related("asker", "answered_by").order_by("created_at"))


def detail_context(request: HttpRequest, posting: PostingPage) -> dict[str, Any]:
    from .forms import QuestionForm

    lines = list(posting.finance_lines.all())
    publications = list(posting.publications.select_related("published_by").order_by("number"))
    return {
        "income_lines": [line for line in lines if line.direction == figures.INCOME],
        "expense_lines": [line for line in lines if line.direction == figures.EXPENSE],
        "attachments": list(posting.attachments.select_related("document")),
        "publications": publications,
        "corrections": [p for p in publications if p.is_correction],
        "questions": visible_questions(posting, request.user),
        "question_form": QuestionForm(),
        "ask_refusal": ask_refusal(request.user, posting),
        "is_finance": posting.kind == Kind.FINANCE,
    }


# --- publication record ----------------------------------------------------------------


def record_publication(sender: Any, instance: PostingPage, revision: Any = None,
                       **kwargs: Any) -> Publication | None:
    """``page_published`` receiver: keep the snapshot residents now see and what changed.

    Republishing unchanged content records nothing, so "已更正 N 次" counts real
    corrections only. Runs inside the publishing transaction when there is one.
    """
    posting = PostingPage.objects.get(pk=instance.pk)
    current = posting.snapshot()
    with transaction.atomic():
        last = (Publication.objects.select_for_update().filter(posting=posting)
                .order_by("-number").first())
        changes = figures.diff(last.snapshot, current) if last else []
        if last is not None and not changes:
            return None
        publication = Publication.objects.create(
            posting=posting, number=(last.number + 1) if last else 1, revision=revision,
            published_at=posting.last_published_at or timezone.now(),
            # The revision's author: the signal does not say who pressed "publish".
            published_by=getattr(revision, "user", None), is_correction=last is not None,
            note=posting.correction_note.strip() if last is not None else "",
            snapshot=current, changes=changes,
        )
    protect_attachments(posting)
    return publication


def protect_attachments(posting: PostingPage) -> None:
    """Move the posting's PDFs into a collection residents cannot open directly.

    Residents download them through ``views.attachment``, which applies the
    reading rule; Wagtail's own /documents/ URL then answers only to staff.
    """
    from wagtail.documents import get_document_model

    from .privacy import private_collection

    collection = private_collection()
    document_ids = list(posting.attachments.values_list("document_id", flat=True))
    get_document_model().objects.filter(pk__in=document_ids).exclude(
        collection=collection).update(collection=collection)


# --- questions and answers -------------------------------------------------------------


def ask_refusal(user: Any, posting: PostingPage) -> str | None:
    """Why ``user`` may not ask on ``posting`` (a Chinese sentence), or None."""
    if not user.is_authenticated:
        return _("请先登录。")
    home = user.home_grid
    if home is None or not home.is_within(posting.target_grid):
        return _("只有%(village)s的居民可以对本事项提问。") % {"village": posting.target_grid.name}
    if not user.is_verified:
        return _("请先完成实名认证，再提出质询。")
    return None


def ask_question(posting_id: int, user: Any, text: str, *, anonymous: bool = False,
                 held: bool = False) -> Question:
    """Record a question, or raise DisclosureError (not a villager, duplicate, too many)."""
    posting = readable_postings(user).select_related("target_grid").filter(pk=posting_id).first()
    if posting is None:
        raise DisclosureError(_("该公开事项不存在或您无权查看。"))
    refusal = ask_refusal(user, posting)
    if refusal:
        raise DisclosureError(refusal)
    text = text.strip()
    since = timezone.now() - timedelta(days=1)
    with transaction.atomic():
        mine = Question.objects.select_for_update().filter(asker=user)
        if mine.filter(posting=posting, text=text).exists():
            raise DisclosureError(_("您已提过相同的问题，请等待答复。"))
        if mine.filter(created_at__gte=since).count() >= QUESTIONS_PER_DAY:
            raise DisclosureError(_("您今天的提问已达%(n)s条，请明天再提。") % {"n": QUESTIONS_PER_DAY})
        return Question.objects.create(
            posting=posting, asker=user, text=text, anonymous=anonymous,
            status=QuestionStatus.PENDING if held else QuestionStatus.OPEN)


def questions_in_scope(user: Any) -> QuerySet[Question]:
    """Questions on postings of the villages ``user`` answers for."""
    return scope_queryset(user, Question.objects.all(), "posting__target_grid")


def update_question(question_id: int, user: Any, *, answer: str, status: str) -> Question:
    """Answer publicly, reopen or hide a question; the asker is told about a new answer."""
    if not user.has_perm(ANSWER_PERMISSION):
        raise DisclosureError(_("您没有答复居民质询的权限。"))
    answer = (answer or "").strip()
    if status not in QuestionStatus.values:
        raise DisclosureError(_("无效的状态。"))
    if status == QuestionStatus.ANSWERED and not answer:
        raise DisclosureError(_("公开答复时请填写答复内容。"))
    with transaction.atomic():
        question = (questions_in_scope(user).select_for_update(of=("self",))
                    .select_related("posting", "asker").filter(pk=question_id).first())
        if question is None:
            raise DisclosureError(_("该质询不存在或不在您负责的区域内。"))
        answer_changed = status == QuestionStatus.ANSWERED and (
            question.status != QuestionStatus.ANSWERED or question.answer != answer)
        question.status = status
        question.answer = answer
        if answer_changed:
            question.answered_by = user
            question.answered_at = timezone.now()
        question.save()
        if answer_changed:
            notify(question.asker, _("您的质询已获答复"),
                   _("您对“%(title)s”提出的问题已由%(village)s公开答复。") % {
                       "title": question.posting.title,
                       "village": question.posting.target_grid.name},
                   url=f"{question.posting.url or ''}#q{question.pk}", source="disclosure")
    return question


# --- the section page ------------------------------------------------------------------


def index_for_site(site: Any) -> DisclosureIndexPage | None:
    if site is None:
        return None
    return DisclosureIndexPage.objects.descendant_of(site.root_page).first()


def ensure_index(site: Any) -> DisclosureIndexPage:
    """The site's 村务公开 section, created (published) under its root page if missing.

    Idempotent. Its slug is the plugin's, so /disclosure/ is both the app tile's
    route and the page's own URL, and postings live at /disclosure/<slug>/.
    """
    from wagtail.coreutils import find_available_slug

    from .privacy import grant_page_permissions

    existing = index_for_site(site)
    if existing is not None:
        grant_page_permissions(existing)
        return existing
    root = site.root_page.specific
    page = DisclosureIndexPage(
        title="村务公开", slug=find_available_slug(root, "disclosure"),
        intro="党务、村务、财务“三务”公开，接受全体村（居）民监督。")
    root.add_child(instance=page)
    page.save_revision().publish()
    grant_page_permissions(page)
    return page
