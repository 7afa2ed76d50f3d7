"""Export the grid tree (or a user's subtree) as the CSV that ``grids import`` reads."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from django.db.models import QuerySet

from .models import Grid
from .progress import Progress

COLUMNS = [
    "code", "parent_code", "level", "name",
    "organisation_kind", "organisation", "head_name", "head_phone",
]
_FIELDS = ("path", "depth", "code", "level", "name", "organisation_kind", "organisation",
           "head_name", "head_phone")


def iter_export_rows(queryset: QuerySet[Grid] | None = None) -> Iterator[list[str]]:
    """Rows in path order (parents before children), header first.

    Parent codes come from a path → code map built while streaming, so the
    whole export costs one query plus one per subtree root whose parent is outside
    ``queryset``.
    """
    queryset = Grid.objects.all() if queryset is None else queryset
    rows = queryset.order_by("path").values_list(*_FIELDS)
    step = Grid.steplen
    code_by_path: dict[str, str] = {}
    outside: dict[str, str] = {}
    yield list(COLUMNS)
    for path, depth, code, level, name, kind, organisation, head_name, head_phone in (
        rows.iterator(chunk_size=2000)
    ):
        code_by_path[path] = code
        parent_path = path[: (depth - 1) * step]
        parent_code = ""
        if parent_path:
            parent_code = code_by_path.get(parent_path, "")
            if not parent_code:  # the root of an exported subtree: its parent is outside
                if parent_path not in outside:
                    outside[parent_path] = Grid.objects.filter(path=parent_path).values_list(
                        "code", flat=True
                    ).first() or ""
                parent_code = outside[parent_path]
        yield [code, parent_code, level, name, kind, organisation, head_name, head_phone]


def write_csv(out: TextIO, rows: Iterable[list[str]], *, total: int = 0,
              progress: bool = False) -> int:
    """Write ``rows`` (header first) to ``out``; returns the number of data rows."""
    writer = csv.writer(out)
    bar = Progress("导出网格", total, enabled=progress)
    count = -1
    for row in rows:
        writer.writerow(row)
        count += 1
        if count:
            bar.advance()
    bar.finish()
    return max(count, 0)


def export_grids_csv(out: TextIO, queryset: QuerySet[Grid] | None = None,
                     *, progress: bool = False) -> int:
    """Export ``queryset`` (default: the whole tree) to ``out``; returns the row count."""
    queryset = Grid.objects.all() if queryset is None else queryset
    total = queryset.count() if progress else 0
    return write_csv(out, iter_export_rows(queryset), total=total, progress=progress)


class Echo:
    """A file-like object whose ``write`` returns the line (for StreamingHttpResponse)."""

    def write(self, value: Any) -> Any:
        return value


def stream_csv_lines(queryset: QuerySet[Grid]) -> Iterator[str]:
    """CSV lines with a UTF-8 BOM first, so that Excel opens the Chinese correctly."""
    writer = csv.writer(Echo())
    yield "\ufeff"
    for row in iter_export_rows(queryset):
        yield writer.writerow(row)
