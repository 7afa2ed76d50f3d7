"""Council meetings: the agenda taken from the issue list, and attendance (points once)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.grids.scoping import scope_queryset

from ..manifest import RULE_ATTEND
from ..models import AgendaItem, Attendance, CouncilMember, Meeting, MeetingStatus
from .common import DeliberationError, award


def scoped_meeting(actor: Any, meeting_id: int, *, lock: bool = False) -> Meeting:
    queryset = Meeting.objects.select_related("council__grid", "issue_list")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    meeting = scope_queryset(actor, queryset, "council__grid").filter(pk=meeting_id).first()
    if meeting is None:
        raise DeliberationError(_("会议不存在或不在您的管理范围内。"))
    return meeting


def agenda_from_issue_list(meeting_id: int, actor: Any) -> list[AgendaItem]:
    """Copy the meeting's issue list onto its agenda, in list order (items already there stay)."""
    with transaction.atomic():
        meeting = scoped_meeting(actor, meeting_id, lock=True)
        if meeting.issue_list is None:
            raise DeliberationError(_("请先为会议选择问题清单。"))
        present = set(meeting.agenda.exclude(issue_item=None).values_list("issue_item_id", flat=True))
        start = meeting.agenda.count()
        new = [AgendaItem(meeting=meeting, issue_item=item, title=item.title,
                          sort_order=start + index)
               for index, item in enumerate(meeting.issue_list.items.all())
               if item.pk not in present]
        return AgendaItem.objects.bulk_create(new)


def members_on(meeting: Meeting) -> list[CouncilMember]:
    """Members whose term covers the meeting day."""
    day = timezone.localtime(meeting.held_at).date()
    return list(meeting.council.members.filter(term_start__lte=day, term_end__gte=day)
                .select_related("user"))


def record_attendance(meeting_id: int, actor: Any, member_ids: list[int]) -> list[Attendance]:
    """Staff record who attended; members with an account get points, once per meeting."""
    with transaction.atomic():
        meeting = scoped_meeting(actor, meeting_id, lock=True)
        if meeting.held_at > timezone.now():
            raise DeliberationError(_("会议尚未召开，不能登记出席。"))
        eligible = {m.pk: m for m in members_on(meeting)}
        wanted = {int(pk) for pk in member_ids}
        if not wanted:
            raise DeliberationError(_("请选择出席的成员。"))
        if wanted - set(eligible):
            raise DeliberationError(_("所选人员不是本议事会在任成员。"))
        already = set(meeting.attendances.values_list("member_id", flat=True))
        created = []
        for member_id in sorted(wanted - already):
            member = eligible[member_id]
            attendance = Attendance.objects.create(meeting=meeting, member=member,
                                                   recorded_by=actor)
            if member.user_id:
                attendance.points_awarded, attendance.points_note = award(
                    member.user, RULE_ATTEND, key=f"deliberation:attend:{meeting.pk}:{member.pk}",
                    actor=actor, target=attendance,
                    reason=_("参加%(council)s：%(title)s") % {"council": meeting.council.name,
                                                            "title": meeting.title})
                attendance.save(update_fields=["points_awarded", "points_note"])
            created.append(attendance)
        if meeting.status != MeetingStatus.HELD:
            meeting.status = MeetingStatus.HELD
            meeting.save(update_fields=["status"])
        return created
