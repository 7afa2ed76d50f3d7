"""Writing, answering and exporting letters: the only code that changes them.

Views and the API validate input, then call these; each change runs in one
transaction, so a failure leaves neither a reply without its status change nor
a status change without the resident's notification.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.grids.models import Grid
from core.grids.scoping import scope_queryset
from core.notifications.services import notify

from .manifest import MANIFEST, PERMISSION_REPLY
from .models import Letter, Reply, Status

# A resident rarely has more to say in a day; a cap keeps one account from flooding
# the community's queue.
MAX_LETTERS_PER_DAY = 5
REPLY_PERMISSION = f"{MANIFEST.slug}.{PERMISSION_REPLY}"


def letters_of(user: Any) -> QuerySet[Letter]:
    """The resident's own letters, newest first."""
    return Letter.objects.filter(author=user).select_related("grid")


def letters_for_staff(user: Any) -> QuerySet[Letter]:
    """Letters from the staff member's grid subtree (all of them for superusers)."""
    queryset = Letter.objects.select_related("author", "grid")
    return scope_queryset(user, queryset, "grid")


def can_reply(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(REPLY_PERMISSION))


def community_of(grid: Grid) -> Grid:
    """The village or community a letter is addressed to (its grid if none above)."""
    for node in reversed(grid.chain()):
        if node.level == "community":
            return node
    return grid


def write_letter(
    author: Any, *, subject: str, body: str, category: str, anonymous: bool = False
) -> Letter:
    """Store a letter addressed to the writer's own home grid."""
    grid = author.home_grid
    if grid is None:
        raise ValidationError(_("请先在“我的”页面选择居住网格，来信才能送达您所在的村（社区）。"),
                              code="no_home_grid")
    since = timezone.now() - timedelta(days=1)
    with transaction.atomic():
        if Letter.objects.filter(author=author, created_at__gte=since).count() >= MAX_LETTERS_PER_DAY:
            raise ValidationError(
                _("24小时内最多提交 %(count)d 封来信，请稍后再写。") % {"count": MAX_LETTERS_PER_DAY},
                code="too_many_letters",
            )
        return Letter.objects.create(
            author=author, grid=grid, subject=subject.strip(), body=body.strip(),
            category=category, anonymous=anonymous,
        )


def signature_for(staff: Any) -> str:
    """How a reply is signed: the unit the staff member answers for, then their name."""
    unit = staff.scope_grid.name if getattr(staff, "scope_grid", None) else _("村（社区）")
    return f"{unit} {staff.name}".strip()


def reply(
    letter: Letter, staff: Any, body: str, *, close: bool = False, at: datetime | None = None
) -> Reply:
    """Answer a letter, move its status and tell the writer, all or nothing.

    The letter row is locked first, so two staff answering at once cannot
    interleave their status changes, and a letter closed meanwhile is refused.
    """
    when = at or timezone.now()
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if locked.status == Status.CLOSED:
            raise ValidationError(_("该来信已关闭，不能再回复。"), code="letter_closed")
        answer = Reply.objects.create(
            letter=locked, author=staff, signature=signature_for(staff), body=body.strip(),
            created_at=when,
        )
        locked.status = Status.CLOSED if close else Status.REPLIED
        locked.replied_at = when
        locked.closed_at = when if close else None
        locked.save(update_fields=["status", "replied_at", "closed_at"])
        notify(
            locked.author,
            _("您的来信“%(subject)s”有了回复") % {"subject": locked.subject},
            answer.body[:120],
            url=locked.get_absolute_url(),
            source=MANIFEST.slug,
        )
    letter.status, letter.replied_at, letter.closed_at = (
        locked.status, locked.replied_at, locked.closed_at
    )
    return answer


def export_letters(user: Any) -> dict[str, Any]:
    """The resident's letters and the replies to them, as JSON-ready data."""
    letters = Letter.objects.filter(author=user).select_related("grid").prefetch_related("replies")
    return {
        "letters": [
            {
                "subject": letter.subject,
                "category": str(letter.get_category_display()),
                "body": letter.body,
                "anonymous": letter.anonymous,
                "status": str(letter.get_status_display()),
                "grid": letter.grid.name,
                "created_at": letter.created_at.isoformat(),
                "replies": [
                    {"signature": r.signature, "body": r.body,
                     "created_at": r.created_at.isoformat()}
                    for r in letter.replies.all()
                ],
            }
            for letter in letters
        ]
    }
