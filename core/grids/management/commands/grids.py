"""``manage.py grids import FILE.csv [--update] | export [FILE.csv] [--root CODE] | stats``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count
from django.utils.translation import gettext as _

from core.grids.exporter import export_grids_csv
from core.grids.importer import GridImportError, import_grids_csv
from core.grids.models import Grid, GridLevel
from core.grids.scoping import within


class Command(BaseCommand):
    help = _("导入、导出网格树（CSV），或查看各层级节点数。")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        importing = sub.add_parser("import", help=_("从 CSV 导入网格树（先整体校验，出错则不导入任何行）。"))
        importing.add_argument("file", help=_("CSV 文件路径"))
        importing.add_argument("--update", action="store_true",
                               help=_("用文件内容更新已存在的区划代码（默认跳过）。"))
        importing.add_argument("--no-progress", action="store_true", help=_("不显示进度条。"))
        exporting = sub.add_parser("export", help=_("把网格树导出为 CSV（省略文件名则输出到标准输出）。"))
        exporting.add_argument("file", nargs="?", help=_("CSV 文件路径"))
        exporting.add_argument("--root", help=_("只导出该区划代码及其下级。"))
        exporting.add_argument("--no-progress", action="store_true", help=_("不显示进度条。"))
        sub.add_parser("stats", help=_("各层级节点数与树结构检查。"))

    def handle(self, *args, action: str, **options) -> None:
        if action == "import":
            self._import(Path(options["file"]), update=options["update"],
                         progress=not options["no_progress"])
        elif action == "export":
            self._export(options.get("file"), options.get("root"),
                         progress=not options["no_progress"])
        else:
            self._stats()

    def _import(self, path: Path, *, update: bool, progress: bool) -> None:
        if not path.exists():
            raise CommandError(_("文件不存在：%(path)s") % {"path": path})
        try:
            result = import_grids_csv(path, update=update, progress=progress)
        except GridImportError as error:
            for message in error.errors:
                self.stderr.write(message)
            raise CommandError(
                _("校验未通过（%(count)s 处错误），未导入任何数据。") % {"count": len(error.errors)}
            ) from error
        self.stdout.write(self.style.SUCCESS(
            _("导入完成：新增 %(created)s，更新 %(updated)s，未变 %(unchanged)s。")
            % {"created": result.created, "updated": result.updated,
               "unchanged": result.unchanged}
        ))

    def _export(self, file: str | None, root_code: str | None, *, progress: bool) -> None:
        queryset = Grid.objects.all()
        if root_code:
            root = Grid.objects.filter(code=root_code).first()
            if root is None:
                raise CommandError(_("区划代码不存在：%(code)s") % {"code": root_code})
            queryset = queryset.filter(within(root, ""))
        if file:
            with open(file, "w", encoding="utf-8", newline="") as out:
                count = export_grids_csv(out, queryset, progress=progress)
            self.stderr.write(_("已导出 %(count)s 个节点到 %(file)s。") % {"count": count, "file": file})
        else:
            self.stdout.ending = ""
            export_grids_csv(self.stdout, queryset, progress=False)

    def _stats(self) -> None:
        counts = dict(Grid.objects.values_list("level").annotate(n=Count("id")).order_by())
        for level in GridLevel:
            self.stdout.write(f"{level.label}\t{counts.get(level.value, 0)}")
        self.stdout.write(_("合计\t%(total)s") % {"total": sum(counts.values())})
        problems = Grid.find_problems()
        if any(problems):
            labels = [_("路径字符错误"), _("路径长度错误"), _("孤立节点"), _("深度错误"), _("子节点数错误")]
            for label, ids in zip(labels, problems, strict=True):
                if ids:
                    self.stdout.write(self.style.ERROR(f"{label}: {len(ids)}"))
        else:
            self.stdout.write(self.style.SUCCESS(_("树结构检查通过。")))
