"""``manage.py workcalendar check|copy``: watch for missing holiday years, seed a draft.

``check`` exits 1 when a year deadlines are computed in has no data (this year,
and next year from October — or the years given with ``--year``), so a scheduler
or monitoring job can alert administrators before the first deadline fails.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.workcalendar.admin_views import years_needed
from core.workcalendar.services import copy_from_package, missing_years, year_source


class Command(BaseCommand):
    help = "工作日历：check 检查所需年份的节假日数据；copy 把内置日历某年复制为可编辑草稿。"

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="检查年份是否有节假日数据，缺失时退出码为 1")
        check.add_argument("--year", type=int, action="append",
                           help="要检查的年份（可重复）；默认今年，10 月起加上明年")
        copy = sub.add_parser("copy", help="把内置日历某年复制为可编辑草稿")
        copy.add_argument("--year", type=int, required=True)

    def handle(self, *args, action: str, **options) -> None:
        if action == "copy":
            try:
                holiday_year = copy_from_package(options["year"])
            except ValidationError as error:
                raise CommandError("；".join(error.messages)) from error
            self.stdout.write(_("已复制 %(y)s 年（%(n)s 天），核对后在后台勾选“已录入完整”即生效。") % {
                "y": holiday_year.year, "n": holiday_year.days.count()})
            return
        years = options.get("year") or years_needed(timezone.localdate())
        for year in years:
            source = year_source(year)
            label = {"admin": _("后台录入"), "package": _("内置日历")}.get(source or "", _("缺失"))
            self.stdout.write(f"{year}: {label}")
        missing = missing_years(years)
        if missing:
            self.stderr.write(_("缺少节假日数据的年份：%(years)s") % {
                "years": "、".join(map(str, missing))})
            raise SystemExit(1)
