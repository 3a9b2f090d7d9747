"""start-up: on a mirrored tree of many directories, the time from launch until the daemon watches the
whole tree, and until the first change made after that reaches the destination."""
from __future__ import annotations

from .. import trees
from ..clock import poll_until
from ..mirrors.base import Mirror
from ..results import AtMost, Figure, Line, NoWorseThanLsyncd
from .common import Context, read_or_none, while_alive

NAME = "start-up"


def run(ctx: Context) -> list[Line]:
    dirs = ctx.profile.startup_dirs
    source = ctx.dir_tree(dirs)

    def measure(mirror: Mirror) -> dict[str, Figure]:
        job = ctx.job(f"startup-{mirror.name}", source)
        trees.mirror(source, job.destination, ctx.wait().remaining())
        probe = f"probe-{mirror.name}"
        data = trees.content(7, 100)
        try:
            with ctx.running(mirror, job, settle=False) as daemon:
                trees.write(source / probe, data)  # the first change after it says it is watching
                arrived = poll_until(while_alive(daemon, lambda: read_or_none(job.destination / probe) == data), ctx.wait(), 0.002,
                                     f"{probe} at the destination")
                return {"watching": Figure.of(daemon.watching_at - daemon.started_at, "s"),
                        "first": Figure.of(arrived - daemon.started_at, "s")}
        finally:
            (source / probe).unlink(missing_ok=True)  # the shared tree stays as generated

    outcomes = ctx.each(measure)
    return [
        Line(NAME, f"{dirs:,} dirs: launch → watching", outcomes.get("pirsyncd", "watching"),
             outcomes.get("lsyncd", "watching"), AtMost(1.0, "s")),
        Line(NAME, "launch → first change at the destination", outcomes.get("pirsyncd", "first"),
             outcomes.get("lsyncd", "first"), NoWorseThanLsyncd()),
    ]
