"""Themes: ``themes/<name>/templates`` and ``static``, chosen per Wagtail Site.

The active theme is resolved per request (ThemeMiddleware) into a context
variable; ThemeLoader looks in that theme's templates first, then ``default``,
and keys Django's template cache by theme, so two sites with different themes
never see each other's compiled templates.
"""

from __future__ import annotations

from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.template.loaders.cached import Loader as CachedLoader
from django.template.loaders.filesystem import Loader as FilesystemLoader

DEFAULT_THEME = "default"
current_theme: ContextVar[str] = ContextVar("jiayuan_theme", default=DEFAULT_THEME)


def themes_dir() -> Path:
    return Path(settings.BASE_DIR) / "themes"


def available_themes() -> list[str]:
    """Folders under themes/ that have templates."""
    return sorted(p.name for p in themes_dir().iterdir() if (p / "templates").is_dir())


class ThemeFilesystemLoader(FilesystemLoader):
    def get_dirs(self):
        theme = current_theme.get()
        dirs = [themes_dir() / theme / "templates"]
        if theme != DEFAULT_THEME:
            dirs.append(themes_dir() / DEFAULT_THEME / "templates")
        return dirs


class ThemeLoader(CachedLoader):
    """A cached loader over the theme folders whose cache key includes the theme."""

    def __init__(self, engine, loaders=None):
        super().__init__(engine, loaders or ["core.portal.themes.ThemeFilesystemLoader"])

    def cache_key(self, template_name, skip=None):
        return f"{current_theme.get()}:{super().cache_key(template_name, skip)}"


class ThemeMiddleware:
    """Set the theme for this request from the site's 主题 setting."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        from .models import ThemeSettings

        theme = DEFAULT_THEME
        if not request.path.startswith(("/static/", "/media/")):
            chosen = ThemeSettings.for_request(request).theme
            if chosen in available_themes():
                theme = chosen
        request.theme = theme
        token = current_theme.set(theme)
        try:
            return self.get_response(request)
        finally:
            current_theme.reset(token)
