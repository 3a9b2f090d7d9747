"""A child's output, read on its own thread, each line stamped with the monotonic time it arrived."""
from __future__ import annotations

import re
import threading
import time
from typing import IO

from .clock import BenchTimeout, Deadline


class LogTail:
    """Owns the reading end of a child's stdout+stderr pipe; other threads only wait on its lines."""

    def __init__(self, stream: IO[bytes], name: str) -> None:
        self._lines: list[tuple[float, str]] = []
        self._closed = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._pump, args=(stream,), name=f"log-{name}", daemon=True)
        self._thread.start()

    def _pump(self, stream: IO[bytes]) -> None:
        for raw in iter(stream.readline, b""):
            stamped = (time.monotonic(), raw.decode("utf-8", "replace").rstrip("\n"))
            with self._changed:
                self._lines.append(stamped)
                self._changed.notify_all()
        stream.close()
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def mark(self) -> int:
        """An index to search from, so a wait only sees lines written after this point."""
        with self._changed:
            return len(self._lines)

    def find(self, pattern: str, start: int = 0) -> tuple[float, str] | None:
        """The first line at or after `start` matching `pattern` (a regex), or None."""
        regex = re.compile(pattern)
        with self._changed:
            for stamped in self._lines[start:]:
                if regex.search(stamped[1]):
                    return stamped
        return None

    def wait_for(self, pattern: str, deadline: Deadline, start: int = 0) -> tuple[float, str]:
        """Blocks until a line matching `pattern` appears (returns its arrival time and text), the stream
        ends or the deadline passes (both raise BenchTimeout)."""
        regex = re.compile(pattern)
        seen = start
        with self._changed:
            while True:
                for stamped in self._lines[seen:]:
                    if regex.search(stamped[1]):
                        return stamped
                seen = len(self._lines)
                if self._closed:
                    raise BenchTimeout(f"output ended before a line matching /{pattern}/")
                if deadline.expired() or not self._changed.wait(timeout=deadline.remaining()):
                    if deadline.expired():
                        raise BenchTimeout(f"no line matching /{pattern}/ in time")

    def text(self, last: int = 20) -> list[str]:
        with self._changed:
            return [line for _, line in self._lines[-last:]]

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)
