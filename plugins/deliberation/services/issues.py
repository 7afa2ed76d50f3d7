"""问题清单 and the answer to each suggestion (采纳 / 答复 / 暂不采纳).

Staff act only within their subtree: every look-up goes through ``scope_queryset``,
so an out-of-scope pk is refused exactly like a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.grids.scoping import scope_queryset, within
from core.notifications.services import notify

from ..manifest import RULE_ADOPTED
from ..models import IssueItem, IssueList, Suggestion, SuggestionStatus
from .common import DeliberationError, award
from .topics import ranked, with_supports

ANSWERS = (SuggestionStatus.ADOPTED, SuggestionStatus.REPLIED, SuggestionStatus.DECLINED)


@dataclass(frozen=True)
class Entry:
    """One selected suggestion: where it goes on the list and the grid head's note."""

    suggestion_id: int
    order: int
    note: str = ""


def _bounds(issue_list: IssueList) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(issue_list.period_start, time.min, tzinfo=zone)
    end = datetime.combine(issue_list.period_end, time.max, tzinfo=zone)
    return start, end


def candidates(issue_list: IssueList) -> QuerySet[Suggestion]:
    """The period's suggestions in the list's subtree, most supported first (declined left out)."""
    start, end = _bounds(issue_list)
    queryset = Suggestion.objects.filter(within(issue_list.grid), created_at__range=(start, end))
    return ranked(with_supports(queryset.exclude(status=SuggestionStatus.DECLINED)))


def compile_list(issue_list_id: int, actor: Any, entries: list[Entry]) -> list[IssueItem]:
    """Replace the list's items with ``entries`` (select, order, note), all or nothing."""
    with transaction.atomic():
        issue_list = scope_queryset(actor, IssueList.objects.select_for_update(of=("self",))
                                    .select_related("grid"), "grid").filter(
            pk=issue_list_id).first()
        if issue_list is None:
            raise DeliberationError(_("问题清单不存在或不在您的管理范围内。"))
        if not entries:
            raise DeliberationError(_("请至少选择一条建议列入问题清单。"))
        wanted = {entry.suggestion_id: entry for entry in entries}
        if len(wanted) != len(entries):
            raise DeliberationError(_("同一条建议只能列入一次。"))
        found = {s.pk: s for s in candidates(issue_list).filter(pk__in=list(wanted))}
        missing = set(wanted) - set(found)
        if missing:
            raise DeliberationError(_("所选建议不在本清单的区域或时间范围内，请刷新后重试。"))
        for entry in entries:
            if len(entry.note) > 300:
                raise DeliberationError(_("备注不能超过 300 字。"))
        issue_list.items.filter(suggestion__isnull=False).delete()
        items = IssueItem.objects.bulk_create([
            IssueItem(issue_list=issue_list, suggestion=found[e.suggestion_id],
                      title=found[e.suggestion_id].title, note=e.note.strip(),
                      supports=found[e.suggestion_id].support_count, sort_order=e.order)
            for e in sorted(entries, key=lambda e: (e.order, -found[e.suggestion_id].support_count))
        ])
        if actor is not None and issue_list.compiled_by_id is None:
            issue_list.compiled_by = actor
            issue_list.save(update_fields=["compiled_by"])
        return items


def respond(suggestion_id: int, actor: Any, status: str, reply: str) -> Suggestion:
    """Answer a suggestion; the author is notified, and an adoption earns points once."""
    reply = (reply or "").strip()
    if status not in ANSWERS:
        raise DeliberationError(_("请选择处理结果：采纳、答复或暂不采纳。"))
    if not reply:
        raise DeliberationError(_("请填写给居民的答复。"))
    with transaction.atomic():
        suggestion = scope_queryset(actor, Suggestion.objects.select_for_update(of=("self",)),
                                    "grid").select_related("author").filter(
            pk=suggestion_id).first()
        if suggestion is None:
            raise DeliberationError(_("建议不存在或不在您的管理范围内。"))
        if suggestion.status == SuggestionStatus.ADOPTED and status != SuggestionStatus.ADOPTED:
            raise DeliberationError(_("已采纳的建议不能改为其他结果。"))
        suggestion.status = status
        suggestion.reply = reply
        suggestion.replied_by = actor
        suggestion.replied_at = timezone.now()
        if status == SuggestionStatus.ADOPTED and not suggestion.points_awarded:
            suggestion.points_awarded, suggestion.points_note = award(
                suggestion.author, RULE_ADOPTED, key=f"deliberation:adopted:{suggestion.pk}",
                actor=actor, target=suggestion,
                reason=_("建议被采纳：%(title)s") % {"title": suggestion.title})
        suggestion.save()
        _notify_author(suggestion)
        return suggestion


def _notify_author(suggestion: Suggestion) -> None:
    body = _("您提出的建议“%(title)s”%(status)s：%(reply)s") % {
        "title": suggestion.title, "status": suggestion.get_status_display(),
        "reply": suggestion.reply}
    if suggestion.points_awarded and suggestion.status == SuggestionStatus.ADOPTED:
        body += _("（获得 %(n)s 积分）") % {"n": suggestion.points_awarded}
    notify(suggestion.author, _("您的建议有了答复"), body,
           url=f"/deliberation/suggestions/{suggestion.pk}/", source="deliberation")
