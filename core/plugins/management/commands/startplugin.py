"""``manage.py startplugin SLUG``: scaffold a working plugin in plugins/<slug>/.

The generated plugin has a manifest, hooks, a module page, a template, an icon,
an API route and tests, and passes the plugin contract test as generated.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.core.management.templates import TemplateCommand

from core.plugins.manifest import SLUG_PATTERN

SCAFFOLD = Path(__file__).resolve().parents[2] / "scaffold"


class Command(TemplateCommand):
    help = "Create plugins/<slug>/, a new plugin that works as generated."
    missing_args_message = "You must provide a plugin slug."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Lower-case identifier: app label and URL prefix.")
        parser.add_argument("--label", default="", help="Chinese label shown on the tile.")
        parser.add_argument(
            "--directory", help="Parent folder (default: the project's plugins/)."
        )

    def handle(self, *args, slug: str, label: str, directory: str | None, **options) -> None:
        if not SLUG_PATTERN.match(slug):
            raise CommandError(
                "The slug must start with a letter and use only a-z, 0-9 and _ (2–40 chars)."
            )
        parent = Path(directory) if directory else Path(settings.BASE_DIR) / "plugins"
        target = parent / slug
        if target.exists():
            raise CommandError(f"{target} already exists.")
        target.mkdir(parents=True)
        self.label = label or slug
        super().handle(
            "app", slug, str(target),
            template=str(SCAFFOLD), extensions=["py", "html"], files=[],
            verbosity=options.get("verbosity", 1), exclude=[], label=self.label,
        )
        self.stdout.write(self.style.SUCCESS(
            f"Created {target}. Restart the server; enable it in 应用管理 or with "
            f"`manage.py plugins enable {slug}`."
        ))

    def validate_name(self, name, name_or_dir="name"):
        # Plugins are imported as plugins.<slug>, so a slug may share a standard-library
        # module's name (mailbox, calendar); SLUG_PATTERN already made it an identifier.
        if not SLUG_PATTERN.match(name):
            raise CommandError(f"{name!r} is not a valid plugin slug.")

    def handle_template(self, template, subdir):
        return str(SCAFFOLD)
