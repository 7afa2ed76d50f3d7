"""The frozen manifest every plugin declares on its AppConfig.

The manifest is code (what the plugin *is*); whether it is enabled, where, and
with which settings is data (``PluginState`` rows). One identifier, the slug,
is the app label, URL prefix and namespace, template folder, state key,
permission prefix and point-rule prefix; system checks reject mismatches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import AppConfig

if TYPE_CHECKING:
    from django import forms

SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


@dataclass(frozen=True)
class PointRule:
    """A points rule a plugin offers; administrators may change values and caps."""

    code: str  # "<slug>.<action>", e.g. "volunteer.hours_served"
    label: str
    points: int
    daily_cap: int | None = None
    monthly_cap: int | None = None
    needs_approval: bool = False


@dataclass(frozen=True)
class PluginManifest:
    """What a plugin is: identity, presentation, contract and data it holds."""

    slug: str
    label: Any  # lazy Chinese label, e.g. _("便民热线")
    label_en: str
    version: str
    description: Any = ""
    icon: str = ""  # static path of an SVG tile icon, e.g. "hotline/icon.svg"
    admin_icon: str = "cogs"  # a Wagtail icon name for admin menu items
    colour: str = "#1677ff"  # tile background tint
    requires_core: str = ">=1.0,<2.0"  # PEP 440 specifier on core.__version__
    depends_on: tuple[str, ...] = ()
    default_enabled: bool = True
    essential: bool = False  # cannot be disabled
    show_tile: bool = True  # appears in the resident's app grid
    tile_order: int = 100
    settings_form: type[forms.Form] | None = None
    default_settings: dict[str, Any] = field(default_factory=dict)
    permissions: tuple[tuple[str, str], ...] = ()
    point_rules: tuple[PointRule, ...] = ()
    page_models: tuple[str, ...] = ()
    personal_data: tuple[str, ...] = ()
    # OpenAPI enum names for choice sets several API fields share, e.g.
    # {"ReportStatusEnum": "plugins.reports.models.Report.Status"} (drf-spectacular's
    # ENUM_NAME_OVERRIDES, merged at start-up): without them the schema gets hashed names.
    api_enum_names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not SLUG_PATTERN.match(self.slug):
            raise ValueError(f"Invalid plugin slug {self.slug!r}")
        for rule in self.point_rules:
            if not rule.code.startswith(self.slug + "."):
                raise ValueError(f"Point rule {rule.code!r} must start with '{self.slug}.'")

    @property
    def entry_url(self) -> str:
        """Where the app tile leads: the plugin's module page."""
        return f"/{self.slug}/"

    @property
    def hooks_module(self) -> str:
        return f"plugins.{self.slug}.hooks"


class PluginAppConfig(AppConfig):
    """Base AppConfig for plugins: carries the manifest and names the hooks module."""

    manifest: PluginManifest
    hooks_module: str | None = None  # defaults to "<app module>.hooks"
    default_auto_field = "django.db.models.BigAutoField"
    # Django picks the one AppConfig in apps.py marked default; this base class is
    # imported there too, so it opts out and every subclass opts back in.
    default = False

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls.default = True

    def get_hooks_module(self) -> str:
        return self.hooks_module or f"{self.name}.hooks"
