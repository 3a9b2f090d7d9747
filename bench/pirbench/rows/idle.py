"""idle: CPU time the daemon (and any child it reaped) uses while nothing changes."""
from __future__ import annotations

import time

from .. import trees
from ..mirrors.base import Mirror
from ..processes import usage
from ..results import AtMost, Figure, Line
from .common import Context

NAME = "idle"


def run(ctx: Context) -> list[Line]:
    seconds = ctx.profile.idle_seconds
    dirs = ctx.profile.memory_dirs[0]
    source = ctx.dir_tree(dirs)

    def measure(mirror: Mirror) -> dict[str, Figure]:
        job = ctx.job(f"idle-{mirror.name}", source)
        trees.mirror(source, job.destination, ctx.wait().remaining())
        with ctx.running(mirror, job) as daemon:
            time.sleep(ctx.profile.rest_seconds)  # start-up garbage and JIT are not idle work
            before = usage(daemon.pid)
            time.sleep(seconds)  # the idle window being measured
            after = usage(daemon.pid)
        used = (after.cpu_seconds + after.children_cpu_seconds) - (before.cpu_seconds + before.children_cpu_seconds)
        return {"cpu": Figure.of(used, "s")}

    outcomes = ctx.each(measure)
    return [Line(NAME, f"CPU over {seconds:g} s idle, {dirs:,} dirs watched", outcomes.get("pirsyncd", "cpu"),
                 outcomes.get("lsyncd", "cpu"), AtMost(0.1, "s"))]
