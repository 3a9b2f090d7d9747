"""burst: many small files in new directories written as fast as possible → replica complete, against
the floor (one plain `rsync -a` of the final tree into an empty folder)."""
from __future__ import annotations

import time

from .. import trees
from ..mirrors.base import Mirror
from ..results import AtMost, Figure, Line, ReportOnly
from .common import Context, converged_at, floor, per_floor

NAME = "burst"


def run(ctx: Context) -> list[Line]:
    profile = ctx.profile
    files = profile.burst_dirs * profile.burst_files_per_dir
    final_trees = []

    def measure(mirror: Mirror) -> dict[str, Figure]:
        job = ctx.job(f"burst-{mirror.name}")
        with ctx.running(mirror, job) as daemon:
            started = time.monotonic()
            written = trees.make_files(job.source, profile.burst_dirs, profile.burst_files_per_dir,
                                       profile.burst_file_size)
            writing = time.monotonic() - started
            arrivals = trees.Arrivals(job.destination, [(path, size) for path, size in written], [])
            done = converged_at(daemon, job.source, job.destination, arrivals, 0.01, ctx.wait())
        final_trees.append(job.source)
        return {"time": Figure.of(done - started, "s"), "writing": Figure.of(writing * 1000, "ms")}

    outcomes = ctx.each(measure)
    if not final_trees:
        return [Line(NAME, "replica complete", outcomes.get("pirsyncd", "time"), outcomes.get("lsyncd", "time"),
                     ReportOnly())]
    floor_seconds = floor(ctx, final_trees[-1])
    multiples = {name: per_floor(outcomes.get(name, "time"), floor_seconds) for name in ("pirsyncd", "lsyncd")}
    what = f"{files:,} × {profile.burst_file_size // 1024} KiB in {profile.burst_dirs} new dirs"
    return [
        Line(NAME, f"{what} → replica complete", outcomes.get("pirsyncd", "time"), outcomes.get("lsyncd", "time"),
             ReportOnly()),
        Line(NAME, "  of which writing the files", outcomes.get("pirsyncd", "writing"),
             outcomes.get("lsyncd", "writing"), ReportOnly()),
        Line(NAME, f"÷ floor (rsync -a: {floor_seconds:.2f} s)", multiples["pirsyncd"], multiples["lsyncd"],
             AtMost(1.3, "×")),
    ]

