"""Councils: agenda from the issue list, attendance recorded by staff, points once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.points.services import balance_of
from plugins.deliberation.models import (
    Council,
    CouncilKind,
    CouncilMember,
    IssueItem,
    IssueList,
    Meeting,
)
from plugins.deliberation.services import DeliberationError
from plugins.deliberation.services import councils as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(grid_tree, resident):
    council = Council.objects.create(name="东栅社区百姓议事会", kind=CouncilKind.PEOPLE,
                                     grid=grid_tree["dongzha"])
    CouncilMember.objects.create(council=council, user=resident, name=resident.name, position="成员",
                                 term_start=date(2024, 1, 1), term_end=date(2027, 12, 31))
    CouncilMember.objects.create(council=council, name="沈德明", position="乡贤",
                                 term_start=date(2024, 1, 1), term_end=date(2027, 12, 31))
    CouncilMember.objects.create(council=council, name="顾秋生", position="成员",
                                 term_start=date(2020, 1, 1), term_end=date(2022, 12, 31))
    return council


@pytest.fixture
def meeting(council, grid_tree):
    issue_list = IssueList.objects.create(title="11月问题清单", grid=grid_tree["dongzha"],
                                          period_start=date(2026, 11, 1), period_end=date(2026, 11, 30))
    IssueItem.objects.create(issue_list=issue_list, title="老旧小区加装电梯", sort_order=1)
    IssueItem.objects.create(issue_list=issue_list, title="村道路灯改造", sort_order=2)
    return Meeting.objects.create(council=council, title="11月百姓议事会", place="东栅社区议事厅",
                                  held_at=timezone.now() - timedelta(hours=2), issue_list=issue_list)


def test_agenda_from_issue_list_once(meeting, cadre):
    assert len(services.agenda_from_issue_list(meeting.pk, cadre)) == 2
    assert services.agenda_from_issue_list(meeting.pk, cadre) == []
    assert [a.title for a in meeting.agenda.all()] == ["老旧小区加装电梯", "村道路灯改造"]


def test_attendance_awards_points_once(meeting, council, cadre, resident, dlb_on):
    members = {m.name: m for m in council.members.all()}
    created = services.record_attendance(meeting.pk, cadre, [members["张小红"].pk,
                                                             members["沈德明"].pk])
    assert len(created) == 2 and balance_of(resident) == (5, 5)
    assert services.record_attendance(meeting.pk, cadre, [members["张小红"].pk]) == []
    assert balance_of(resident) == (5, 5)
    meeting.refresh_from_db()
    assert meeting.status == "held"
    with pytest.raises(DeliberationError, match="在任成员"):  # term ended in 2022
        services.record_attendance(meeting.pk, cadre, [members["顾秋生"].pk])


def test_attendance_refusals(meeting, council, cadre, other_cadre):
    member = council.members.first()
    with pytest.raises(DeliberationError, match="管理范围"):
        services.record_attendance(meeting.pk, other_cadre, [member.pk])
    meeting.held_at = timezone.now() + timedelta(days=3)
    meeting.save()
    with pytest.raises(DeliberationError, match="尚未召开"):
        services.record_attendance(meeting.pk, cadre, [member.pk])
    assert not meeting.attendances.exists()


def test_admin_meeting_page(client, meeting, council, cadre, other_cadre, dlb_on):
    client.force_login(cadre)
    url = f"/admin/deliberation/meetings/{meeting.pk}/manage/"
    client.post(url, {"action": "agenda"})
    member = council.members.get(name="沈德明")
    client.post(url, {"action": "attendance", "member": [member.pk]})
    page = client.get(url).content.decode()
    assert "老旧小区加装电梯" in page and "已出席" in page
    client.force_login(other_cadre)
    assert client.get(url).status_code == 404
