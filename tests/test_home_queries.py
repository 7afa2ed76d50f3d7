"""The home page's query count does not grow with the number of enabled plugins."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.plugins.hookspecs import hookimpl
from core.plugins.manifest import PluginManifest
from core.plugins.types import HomePanel


class LightPlugin:
    """A plugin with a tile and a home panel, doing no database work."""

    def __init__(self, n: int) -> None:
        self.n = n

    @hookimpl
    def home_panels(self, request, grid):
        return [HomePanel(title=f"面板{self.n}", html="<p>—</p>", order=self.n)]


def _count_home_queries(client) -> int:
    client.get("/")  # warm the per-process snapshot and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_home_query_count_same_for_2_and_40_plugins(client, resident, home_page,
                                                    register_temporarily):
    client.force_login(resident)
    for n in range(2):
        register_temporarily(
            PluginManifest(slug=f"light{n:02d}", label=f"轻应用{n}", label_en=f"Light {n}",
                           version="1"), LightPlugin(n))
    with_two = _count_home_queries(client)
    for n in range(2, 40):
        register_temporarily(
            PluginManifest(slug=f"light{n:02d}", label=f"轻应用{n}", label_en=f"Light {n}",
                           version="1"), LightPlugin(n))
    page = client.get("/").content.decode()
    assert "轻应用39" in page and "面板39" in page
    assert _count_home_queries(client) == with_two
