"""How a run ends, whatever ends it. The body runs under a watchdog; its return, Ctrl-C, SIGTERM (a CI
timeout, `kill PID`), the watchdog expiring and a broken harness all leave by the same cleanup — every
process the harness started stopped by pid, the tmpfs unmounted — with one line saying why.

Every wait in the harness has a deadline of its own; the watchdog is the backstop for what has none
(a helper stuck in the kernel, a bug), so a run is bounded even then. It is SIGALRM in the main thread
(setitimer(2)), and what it raises is not an Exception: no row's error handler can swallow it.
"""
from __future__ import annotations

import signal
import sys
from contextlib import contextmanager
from typing import Callable, Iterator

EXIT_BROKEN = 1
EXIT_INTERRUPTED = 130


class HarnessBroken(Exception):
    """The harness cannot do its job (e.g. the smoke profile without lsyncd, its reference); the message is
    one line for the person running it, with the fix."""


class Expired(BaseException):
    """The watchdog's bound on the whole run passed."""


@contextmanager
def watchdog(seconds: float) -> Iterator[None]:
    """Raises Expired in the main thread once `seconds` have passed inside the block."""
    def expire(_signum: int, _frame: object) -> None:
        raise Expired(f"the whole run outlived its bound of {seconds:g} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def guarded(body: Callable[[], int], bound_seconds: float, cleanup: Callable[[], None]) -> int:
    """Runs `body` under a watchdog of `bound_seconds` and returns its exit code, or EXIT_BROKEN (watchdog,
    broken harness) or EXIT_INTERRUPTED (Ctrl-C, SIGTERM). `cleanup` always runs, with SIGINT and SIGTERM
    ignored meanwhile so a second Ctrl-C cannot leave a child or a mount behind."""
    previous_term = signal.signal(signal.SIGTERM, _interrupt)
    try:
        with watchdog(bound_seconds):
            return body()
    except HarnessBroken as problem:
        print(f"bench: {problem}", file=sys.stderr)
        return EXIT_BROKEN
    except Expired as expired:
        print(f"bench: {expired}; stopping everything it started", file=sys.stderr)
        return EXIT_BROKEN
    except KeyboardInterrupt:
        print("bench: interrupted; stopping everything it started", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        previous_int = signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        try:
            cleanup()
        finally:
            signal.signal(signal.SIGINT, previous_int)
            signal.signal(signal.SIGTERM, previous_term)
