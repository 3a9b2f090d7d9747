"""rename: a directory holding many files renamed → replica right; how long, and how much was re-sent.

"Re-sent" is measured at the destination, whichever daemon: a file the daemon renamed there keeps its
inode; a file rsync transferred again is a new inode (rsync writes a temporary file and renames it over).
So the bytes of the files with new inodes are exactly the data copied again.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from .. import trees
from ..mirrors.base import Mirror
from ..results import AtMost, Figure, Line
from .common import Context, converged_at

NAME = "rename"
FILE_SIZE = 1024


def run(ctx: Context) -> list[Line]:
    files = ctx.profile.rename_files

    def measure(mirror: Mirror) -> dict[str, Figure]:
        job = ctx.job(f"rename-{mirror.name}")
        trees.make_files(job.source, 1, files, FILE_SIZE, prefix="before")
        trees.write(job.source / "unrelated", b"stays put\n")
        trees.mirror(job.source, job.destination, ctx.wait().remaining())
        with ctx.running(mirror, job) as daemon:
            inodes_before = _inodes(job.destination / "before00000")
            started = time.monotonic()
            os.rename(job.source / "before00000", job.source / "after")
            expected = [(f"after/{name}", FILE_SIZE) for name in sorted(inodes_before)]
            arrivals = trees.Arrivals(job.destination, expected, ["before00000"])
            done = converged_at(daemon, job.source, job.destination, arrivals, 0.002, ctx.wait())
        inodes_after = _inodes(job.destination / "after")
        resent = [name for name, inode in inodes_after.items() if inodes_before.get(name) != inode]
        return {"time": Figure.of((done - started) * 1000, "ms"),
                "bytes": Figure.of(sum(os.lstat(job.destination / "after" / n).st_size for n in resent), "B")}

    outcomes = ctx.each(measure)
    return [
        Line(NAME, f"dir of {files:,} files renamed → replica right", outcomes.get("pirsyncd", "time"),
             outcomes.get("lsyncd", "time"), AtMost(100, "ms")),
        Line(NAME, "bytes re-sent (new inodes at the destination)", outcomes.get("pirsyncd", "bytes"),
             outcomes.get("lsyncd", "bytes"), AtMost(0, "B")),
    ]


def _inodes(folder: Path) -> dict[str, int]:
    with os.scandir(folder) as listing:
        return {entry.name: entry.inode() for entry in listing}
