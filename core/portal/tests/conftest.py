"""Fixtures for portal tests: publishing notices under the 通知公告 index."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from core.grids.models import Grid


@pytest.fixture
def editor(make_user, grid_tree, notice_index):
    """A 南湖区 editor who may add, edit and publish under 通知公告."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from core.identity.roles import GROUP_NAMES

    group = Group.objects.get(name=GROUP_NAMES["editor"])
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group, page=notice_index,
            permission=Permission.objects.get(content_type__app_label="wagtailcore",
                                              codename=codename),
        )
    return make_user("editor", scope=grid_tree["nanhu"], name="李编辑")


@pytest.fixture
def notice_index(home_page):
    from core.portal.models import NoticeIndexPage

    return NoticeIndexPage.objects.child_of(home_page).get()


@pytest.fixture
def publish_notice(notice_index) -> Callable[..., Any]:
    """publish_notice("标题", grid=None, body="…", pinned=False, age_minutes=0)."""
    counter = {"n": 0}

    def publish(title: str, grid: Grid | None = None, body: str = "", *, summary: str = "",
                pinned: bool = False, age_minutes: int = 0):
        from core.portal.models import NoticePage

        counter["n"] += 1
        notice = NoticePage(
            title=title, slug=f"notice-{counter['n']}", target_grid=grid, summary=summary,
            body=f"<p>{body or title}</p>", is_pinned=pinned, live=False,
        )
        notice_index.add_child(instance=notice)
        notice.save_revision().publish()
        if age_minutes:
            published = timezone.now() - timedelta(minutes=age_minutes)
            NoticePage.objects.filter(pk=notice.pk).update(first_published_at=published)
            notice.refresh_from_db()
        return notice

    return publish
