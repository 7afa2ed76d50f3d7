"""社区会客厅 fixtures on the shared test grid tree (core/testing.py).

东栅社区 has residents 张小红 and neighbours; 朱丽萍 is its cadre (moderator);
钱晓燕 is the cadre of 新兴社区 and must not moderate 东栅社区.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.apps import apps

from core.moderation import matcher
from core.moderation.models import SensitiveWord
from plugins.livingroom import services
from plugins.livingroom.models import Post


@pytest.fixture(autouse=True)
def _livingroom_registered(plugin_host):
    """Re-register the plugin if an earlier test in the process unregistered it."""
    if plugin_host.pm.get_plugin("livingroom") is None:
        plugin_host.register_app(apps.get_app_config("livingroom"))
        plugin_host.forget_snapshot()
    matcher.forget()


@pytest.fixture
def livingroom_on(set_plugin, home_page):
    """The plugin enabled site-wide, and a default Site for the points ledger."""
    set_plugin("livingroom", True)
    return home_page


@pytest.fixture
def neighbours(make_user, grid_tree) -> list:
    """Four more verified residents of 东栅社区 (flags, likes)."""
    return [make_user("resident", grid=grid_tree["grid1"], name=name)
            for name in ("王建国", "李梅", "杨伟", "孙丽娟")]


@pytest.fixture
def outsider(make_user, grid_tree):
    """A resident of 新兴社区."""
    return make_user("resident", grid=grid_tree["xgrid"], name="赵磊")


@pytest.fixture
def cadre(make_user, grid_tree):
    return make_user("cadre", grid=grid_tree["micro"], scope=grid_tree["dongzha"], name="朱丽萍")


@pytest.fixture
def other_cadre(make_user, grid_tree):
    return make_user("cadre", grid=grid_tree["xgrid"], scope=grid_tree["xinxing"], name="钱晓燕")


@pytest.fixture
def make_post(resident, grid_tree) -> Callable[..., Post]:
    def make(title: str = "东门电动车充电桩坏了", body: str = "充电桩已经三天不亮灯了，谁知道找哪里报修？",
             author=None, community: str = "dongzha") -> Post:
        return services.create_post(author or resident, grid_tree[community], title=title,
                                    body=body).obj

    return make


@pytest.fixture
def dictionary(db) -> None:
    SensitiveWord.objects.create(word="代开发票", action="block", category="illegal")
    SensitiveWord.objects.create(word="加微信", action="hold", category="advert")
