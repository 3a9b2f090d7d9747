"""overflow: many changes made while the daemon is stopped (SIGSTOP), more than the inotify queue holds
(fs.inotify.max_queued_events); after SIGCONT, the time until the replica is complete, against the floor."""
from __future__ import annotations

import signal
import time

from .. import trees
from ..mirrors.base import Mirror
from ..results import AtMost, Figure, Line, ReportOnly
from .common import Context, converged_at, floor, per_floor

NAME = "overflow"
PER_DIR = 100


def run(ctx: Context) -> list[Line]:
    changes = ctx.profile.overflow_changes
    final_trees = []

    def measure(mirror: Mirror) -> dict[str, Figure]:
        job = ctx.job(f"overflow-{mirror.name}")
        # The changes land in directories already watched, so every one of them queues inotify events
        # (IN_CREATE, IN_MODIFY, IN_CLOSE_WRITE): three per file, far past max_queued_events. New
        # directories would not do: nobody watches them while the daemon is stopped.
        dirs = max(1, changes // PER_DIR)
        for d in range(dirs):
            (job.source / f"d{d:05d}").mkdir()
        trees.mirror(job.source, job.destination, ctx.wait().remaining())
        with ctx.running(mirror, job) as daemon:
            mark = daemon.child.log.mark()
            daemon.child.signal(signal.SIGSTOP)
            written = []
            try:
                for d in range(dirs):
                    for f in range(PER_DIR):
                        relative = f"d{d:05d}/f{f:05d}"
                        trees.write(job.source / relative, trees.content(f, 64))
                        written.append((relative, 64))
            finally:
                daemon.child.signal(signal.SIGCONT)
            started = time.monotonic()
            arrivals = trees.Arrivals(job.destination, written, [])
            done = converged_at(daemon, job.source, job.destination, arrivals, 0.01, ctx.wait())
            overflowed = daemon.overflowed_since(mark)
        final_trees.append(job.source)
        return {"time": Figure.of(done - started, "s"), "overflowed": Figure.flag(overflowed)}

    outcomes = ctx.each(measure)
    lines = [Line(NAME, f"{changes:,} changes while stopped; SIGCONT → replica complete",
                  outcomes.get("pirsyncd", "time"), outcomes.get("lsyncd", "time"), ReportOnly())]
    if final_trees:
        floor_seconds = floor(ctx, final_trees[-1])
        lines.append(Line(NAME, f"÷ floor (rsync -a: {floor_seconds:.2f} s)",
                          per_floor(outcomes.get("pirsyncd", "time"), floor_seconds),
                          per_floor(outcomes.get("lsyncd", "time"), floor_seconds), AtMost(1.5, "×")))
    lines.append(Line(NAME, "queue overflow logged", outcomes.get("pirsyncd", "overflowed"),
                      outcomes.get("lsyncd", "overflowed"), ReportOnly(), comparable=False))
    return lines
