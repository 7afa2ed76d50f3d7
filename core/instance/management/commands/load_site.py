"""``manage.py load_site [--demo]``: load site/ (or $JIAYUAN_SITE_DIR) into the database."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from core.instance.loader import load_site


class Command(BaseCommand):
    help = "Load the instance folder: site settings, grid tree, first-boot plugins, demo data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--demo", action="store_true", help="Also load demo users and notices.")
        parser.add_argument("--site-dir", default=str(settings.SITE_DIR))

    def handle(self, *args, demo: bool, site_dir: str, **options) -> None:
        report = load_site(Path(site_dir), demo=demo, progress=options["verbosity"] > 0)
        self.stdout.write(self.style.SUCCESS(
            f"Grid nodes: {report.grids}; new users: {report.users_created}; "
            f"new notices: {report.notices_created}."
        ))
        if demo and report.logins:
            # Demo accounts only: a real deployment loads no demo.json.
            self.stdout.write(f"\n演示账号（密码均为 {report.demo_password}）：")
            for role, mobile, name in report.logins:
                self.stdout.write(f"  {role:<8} {mobile}  {name}")
