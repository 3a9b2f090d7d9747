"""ingest: the highest steady rate of file changes the daemon follows without an inotify queue overflow
(and with the replica right afterwards). Rates are tried upwards; the writer paces itself in 5 ms ticks.
When the writer itself cannot reach a rate, the figure is "≥ what it reached": the daemon was not the limit."""
from __future__ import annotations

import time
from pathlib import Path

from .. import trees
from ..clock import BenchTimeout, poll_until
from ..mirrors.base import Mirror, Running
from ..results import Figure, HigherThanLsyncd, Line
from .common import Context, while_alive

NAME = "ingest"
POOL_DIRS = 20
POOL_PER_DIR = 100
TICK = 0.005
WRITER_SHORTFALL = 0.9  # reaching less than this share of a rate means the writer, not the daemon, limits


def run(ctx: Context) -> list[Line]:
    profile = ctx.profile

    def measure(mirror: Mirror) -> dict[str, Figure]:
        job = ctx.job(f"ingest-{mirror.name}")
        pool = [path for path, _ in trees.make_files(job.source, POOL_DIRS, POOL_PER_DIR, 32)]
        trees.mirror(job.source, job.destination, ctx.wait().remaining())
        best = Figure.of(0, "changes/s")
        with ctx.running(mirror, job) as daemon:
            for rate in profile.ingest_rates:
                achieved, failure = _attempt(ctx, daemon, job.source, job.destination, pool, rate)
                ctx.progress(f"    {rate:,}/s asked, {achieved:,.0f}/s written: {failure or 'followed'}")
                if failure:
                    break
                if achieved < WRITER_SHORTFALL * rate:
                    best = Figure.of(achieved, "changes/s", at_least=True)
                    break
                best = Figure.of(achieved, "changes/s")
            else:
                best = Figure.of(best.value or 0, "changes/s", at_least=True)  # never failed: a lower bound
        return {"rate": best}

    outcomes = ctx.each(measure)
    return [Line(NAME, f"highest steady rate followed, no overflow ({profile.ingest_seconds:g} s per rate)",
                 outcomes.get("pirsyncd", "rate"), outcomes.get("lsyncd", "rate"), HigherThanLsyncd())]


def _attempt(ctx: Context, daemon: Running, source: Path, destination: Path, pool: list[str],
             rate: int) -> tuple[float, str | None]:
    """Writes at `rate` changes/s for the profile's seconds; returns the rate reached and why the daemon did
    not follow (exited, replica not right within the wait bound, overflow logged), or None if it did."""
    mark = daemon.child.log.mark()
    total = int(rate * ctx.profile.ingest_seconds)
    written = 0
    started = time.monotonic()
    while written < total:
        due = min(total, int((time.monotonic() - started) * rate)) - written
        for _ in range(due):
            path = pool[written % len(pool)]
            # the size varies too, so no quick check could take a rewrite for "unchanged"
            trees.write(source / path, trees.content(written, 32 + written % 61))
            written += 1
        if written < total:
            time.sleep(TICK)  # pacing the writer
    achieved = written / (time.monotonic() - started)
    if daemon.child.exited() is not None:
        return achieved, f"exited {daemon.child.exited()}"
    try:
        poll_until(while_alive(daemon, lambda: trees.difference(source, destination) is None), ctx.wait(), 0.1,
                   f"the replica after {rate}/s")
    except BenchTimeout:
        return achieved, "replica not right in time"
    return achieved, "queue overflow logged" if daemon.overflowed_since(mark) else None
