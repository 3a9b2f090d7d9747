"""latency: single-file changes spaced apart; write → identical content at the destination (p50/p99/max)."""
from __future__ import annotations

import time

from .. import trees
from ..mirrors.base import Mirror
from ..results import Figure, Line, NoWorseThanLsyncd, ReportOnly
from ..stats import percentile
from .common import Context, one_change

NAME = "latency"


def run(ctx: Context) -> list[Line]:
    profile = ctx.profile

    def measure(mirror: Mirror) -> dict[str, Figure]:
        job = ctx.job(f"latency-{mirror.name}")
        # One file per change, so no change can be mistaken for (or merged with) an earlier one.
        for i in range(profile.latency_changes):
            trees.write(job.source / f"f{i:04d}", trees.content(i, 10))
        trees.mirror(job.source, job.destination, ctx.wait().remaining())
        samples: list[float] = []
        with ctx.running(mirror, job) as daemon:
            next_change = time.monotonic()
            for i in range(profile.latency_changes):
                # Pacing the workload (the "spaced 300 ms apart"), not waiting for the daemon.
                time.sleep(max(0.0, next_change - time.monotonic()))
                next_change = time.monotonic() + profile.latency_spacing
                samples.append(one_change(daemon, job.source, job.destination, f"f{i:04d}", 1000 + i, ctx.wait()))
        return {p: Figure.of(percentile(samples, q) * 1000, "ms") for p, q in (("p50", 50), ("p99", 99), ("max", 100))}

    outcomes = ctx.each(measure)
    n = f"{profile.latency_changes} changes"
    return [
        Line(NAME, f"p50, {n} {profile.latency_spacing * 1000:.0f} ms apart", outcomes.get("pirsyncd", "p50"),
             outcomes.get("lsyncd", "p50"), NoWorseThanLsyncd()),
        Line(NAME, "p99", outcomes.get("pirsyncd", "p99"), outcomes.get("lsyncd", "p99"), NoWorseThanLsyncd()),
        Line(NAME, "max", outcomes.get("pirsyncd", "max"), outcomes.get("lsyncd", "max"), ReportOnly()),
    ]
