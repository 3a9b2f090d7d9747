"""Deadlines and bounded polling: every wait in the harness ends, either with a condition met or a timeout."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable


class BenchTimeout(Exception):
    """A condition was not met in time; the message says what was awaited."""


@dataclass(frozen=True)
class Deadline:
    """A point on the monotonic clock; the whole run has one, each wait takes the earlier of it and its own."""

    at: float

    @staticmethod
    def after(seconds: float) -> Deadline:
        return Deadline(time.monotonic() + seconds)

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def expired(self) -> bool:
        return self.remaining() <= 0

    def within(self, seconds: float) -> Deadline:
        """The earlier of this deadline and `seconds` from now."""
        return Deadline(min(self.at, time.monotonic() + seconds))


def poll_until(condition: Callable[[], bool], deadline: Deadline, interval: float, what: str) -> float:
    """Calls `condition` every `interval` seconds until it holds; returns the monotonic time of the call
    that first saw it hold (taken before the call, so the check's own cost is not counted as latency)."""
    while True:
        before = time.monotonic()
        if condition():
            return before
        if deadline.expired():
            raise BenchTimeout(f"timed out waiting for {what}")
        # Polling is the measurement itself here (the destination has no way to tell us), not a
        # stand-in for synchronisation; the interval bounds the error it adds.
        time.sleep(min(interval, max(0.0, deadline.remaining())))
