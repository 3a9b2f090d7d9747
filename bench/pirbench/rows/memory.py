"""memory: resident memory of the daemon's own process at rest, watching N directories (rsync children
are separate processes, so they are apart by construction)."""
from __future__ import annotations

import time

from .. import trees
from ..mirrors.base import Mirror
from ..processes import usage
from ..results import AtMost, Figure, Line, ReportOnly
from .common import Context

NAME = "memory"


def run(ctx: Context) -> list[Line]:
    small, large = ctx.profile.memory_dirs
    lines = []
    for dirs in (small, large):
        source = ctx.dir_tree(dirs)

        def measure(mirror: Mirror) -> dict[str, Figure]:
            job = ctx.job(f"memory{dirs}-{mirror.name}", source)
            trees.mirror(source, job.destination, ctx.wait().remaining())
            with ctx.running(mirror, job) as daemon:
                time.sleep(ctx.profile.rest_seconds)  # the "at rest" of the measure (start-up garbage, JIT), not a synchronisation
                samples = []
                for _ in range(10):  # the highest of ten samples: RSS at rest, not a dip
                    samples.append(usage(daemon.pid).rss_kib)
                    time.sleep(ctx.profile.rest_seconds / 10)
            return {"rss": Figure.of(max(samples) / 1024, "MB")}

        outcomes = ctx.each(measure)
        goal = AtMost(64, "MB") if dirs == large else ReportOnly()
        lines.append(Line(NAME, f"RSS at rest, {dirs:,} watched dirs", outcomes.get("pirsyncd", "rss"),
                          outcomes.get("lsyncd", "rss"), goal))
    return lines
