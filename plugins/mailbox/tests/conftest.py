"""Mailbox fixtures: letters from residents of two communities, and their workers."""

from __future__ import annotations

import pytest

from plugins.mailbox.models import Category, Letter


@pytest.fixture(autouse=True)
def mailbox_on(set_plugin):
    set_plugin("mailbox", True)


@pytest.fixture
def write(db):
    """write(author, subject="…", **fields): a letter addressed to the author's home grid."""
    def make(author, subject: str = "小区南门路灯坏了", **fields) -> Letter:
        fields.setdefault("body", "南门口路灯坏了一个多月，晚上进出看不清台阶。")
        fields.setdefault("category", Category.SUGGESTION)
        return Letter.objects.create(author=author, grid=author.home_grid, subject=subject,
                                     **fields)

    return make


@pytest.fixture
def letter(write, resident) -> Letter:
    return write(resident)


@pytest.fixture
def xinxing_resident(make_user, grid_tree):
    return make_user("resident", grid=grid_tree["xgrid"], name="赵远方")


@pytest.fixture
def xinxing_worker(make_user, grid_tree):
    """A grid worker of 新兴第一网格: another community than the resident's."""
    return make_user("grid_worker", grid=grid_tree["xgrid"], scope=grid_tree["xgrid"],
                     name="钱晓峰")
