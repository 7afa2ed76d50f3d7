"""Pytest fixtures other plugins' conftests import: ``from plugins.reports.testing import *``.

They build on ``core.testing`` (``grid_tree``, ``make_user``, ``resident``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from .models import Category, Report

__all__ = ["report_categories", "make_report"]

CATEGORIES = (
    ("dispute", "矛盾纠纷", Category.Kind.DISPUTE, False, "yellow"),
    ("hazard", "安全隐患", Category.Kind.HAZARD, True, "red"),
    ("environment", "环境卫生", Category.Kind.ENVIRONMENT, True, "green"),
)


@pytest.fixture
def report_categories(db) -> dict[str, Category]:
    """Three categories keyed by code: dispute, hazard, environment."""
    found = {}
    for order, (code, name, kind, public, urgency) in enumerate(CATEGORIES):
        found[code], _created = Category.objects.get_or_create(code=code, defaults={
            "name": name, "kind": kind, "is_public": public, "default_urgency": urgency,
            "order": order})
    return found


@pytest.fixture
def make_report(db, grid_tree, resident, report_categories) -> Callable[..., Report]:
    """make_report(**overrides): a submitted report in grid1 by ``resident``.

    ``category`` may be a Category or one of the codes above.
    """

    def make(**overrides: Any) -> Report:
        from .services import submit_report

        category = overrides.pop("category", "dispute")
        if isinstance(category, str):
            category = report_categories[category]
        fields: dict[str, Any] = {
            "reporter": resident, "category": category, "grid": grid_tree["grid1"],
            "description": "楼上住户装修噪音持续到深夜，多次沟通无果，影响老人休息。",
            "address": "南湖区新嘉街道东栅社区东栅花园3幢",
        }
        fields.update(overrides)
        return submit_report(**fields)

    return make
