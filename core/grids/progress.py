"""A dependency-free progress bar for long grid imports and exports (stderr, TTY only)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """``\\r``-redrawn bar with counts; silent when disabled or not on a terminal."""

    width = 30

    def __init__(self, label: str, total: int, *, enabled: bool = True,
                 stream: TextIO | None = None) -> None:
        self.label = label
        self.total = max(total, 0)
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        is_tty = getattr(self.stream, "isatty", lambda: False)()
        self.enabled = enabled and is_tty and self.total > 0
        self._started = time.monotonic()
        self._last_draw = 0.0

    def advance(self, count: int = 1) -> None:
        self.done = min(self.done + count, self.total)
        now = time.monotonic()
        if self.enabled and (now - self._last_draw > 0.1 or self.done == self.total):
            self._last_draw = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        ratio = self.done / self.total if self.total else 1.0
        filled = int(self.width * ratio)
        bar = "█" * filled + "·" * (self.width - filled)
        elapsed = now - self._started
        self.stream.write(
            f"\r{self.label} [{bar}] {self.done}/{self.total} {ratio:4.0%} {elapsed:5.1f}s"
        )
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
