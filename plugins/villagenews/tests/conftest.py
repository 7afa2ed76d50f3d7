"""Village-news fixtures: the 村情动态 index, a news publisher, a region editor, covers."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from wagtail.rich_text import RichText

from core.grids.models import Grid


@pytest.fixture
def news_index(home_page):
    from wagtail.models import Site

    from plugins.villagenews.services import ensure_index

    return ensure_index(Site.objects.get(is_default_site=True))


@pytest.fixture
def publish_news(news_index) -> Callable[..., Any]:
    """publish_news("标题", grid=None, *, summary="", days_ago=0, tags=(), cover=None, body="")."""
    counter = {"n": 0}

    def publish(title: str, grid: Grid | None = None, *, summary: str = "", days_ago: int = 0,
                tags: tuple[str, ...] = (), cover: Any = None, body: str = ""):
        from plugins.villagenews.models import VillageNewsPage

        counter["n"] += 1
        news = VillageNewsPage(
            title=title, slug=f"news-{counter['n']}", target_grid=grid, summary=summary,
            date=timezone.localdate() - timedelta(days=days_ago), cover=cover, live=False,
            body=[("paragraph", RichText(f"<p>{body or title}</p>"))],
        )
        news.tags.add(*tags)
        news_index.add_child(instance=news)
        news.save_revision().publish()
        return news

    return publish


@pytest.fixture
def enabled(set_plugin):
    """村情动态 switched on site-wide."""
    set_plugin("villagenews", True)


@pytest.fixture
def editor(make_user, grid_tree, news_index):
    """A 南湖区 editor; the 编辑 group may add, edit and publish under 村情动态."""
    return make_user("editor", scope=grid_tree["nanhu"], name="李编辑")


@pytest.fixture
def make_image(settings, tmp_path) -> Callable[..., Any]:
    """make_image("标题"): a small Wagtail image; media goes to a temporary folder."""
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    settings.MEDIA_ROOT = tmp_path / "media"
    counter = {"n": 0}

    def make(title: str = "活动照片"):
        counter["n"] += 1
        buffer = io.BytesIO()
        PILImage.new("RGB", (64, 48), (200, 16 * counter["n"] % 255, 46)).save(buffer, "PNG")
        return get_image_model().objects.create(
            title=title, file=ImageFile(buffer, name=f"cover-{counter['n']}.png")
        )

    return make
