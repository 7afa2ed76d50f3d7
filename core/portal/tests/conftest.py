"""Fixtures for portal tests: publishing notices under the 通知公告 index."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from core.grids.models import Grid


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
