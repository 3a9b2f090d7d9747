"""big tree: the cost of one change in a big tree against one in a small tree (should not grow with the tree)."""
from __future__ import annotations

import time
from pathlib import Path

from .. import trees
from ..mirrors.base import Mirror
from ..results import AtMost, Figure, Line, ReportOnly
from ..stats import median
from .common import Context, one_change

NAME = "big tree"
FILES_PER_DIR = 100


def run(ctx: Context) -> list[Line]:
    profile = ctx.profile
    sizes = {"small": profile.bigtree_small_files, "big": profile.bigtree_big_files}
    sources: dict[str, Path] = {}
    for label, files in sizes.items():
        source = ctx.workspace.area(f"bigtree-{label}") / "source"
        source.mkdir()
        ctx.progress(f"generating a tree of {files:,} files")
        trees.make_files(source, files // FILES_PER_DIR, FILES_PER_DIR, 16)
        sources[label] = source

    def measure(mirror: Mirror) -> dict[str, Figure]:
        figures = {}
        for label, source in sources.items():
            job = ctx.job(f"bigtree-{label}-{mirror.name}", source)
            trees.mirror(source, job.destination, ctx.wait().remaining())
            samples = []
            with ctx.running(mirror, job) as daemon:
                dirs = sizes[label] // FILES_PER_DIR
                for i in range(profile.bigtree_changes):
                    # Spread over the tree: first, middle and last directories alike.
                    relative = f"d{(i * dirs) // profile.bigtree_changes:05d}/f{i % FILES_PER_DIR:05d}"
                    samples.append(one_change(daemon, source, job.destination, relative, 5000 + i, ctx.wait()))
                    time.sleep(profile.latency_spacing)  # pacing: each change meets an idle daemon
            figures[label] = Figure.of(median(samples) * 1000, "ms")
        small, big = figures["small"].value, figures["big"].value
        assert small is not None and big is not None
        figures["ratio"] = Figure.of(big / small, "×")
        return figures

    outcomes = ctx.each(measure)
    median_of = f"median of {profile.bigtree_changes}"
    return [
        Line(NAME, f"one change in {sizes['small']:,} files ({median_of})", outcomes.get("pirsyncd", "small"),
             outcomes.get("lsyncd", "small"), ReportOnly()),
        Line(NAME, f"one change in {sizes['big']:,} files", outcomes.get("pirsyncd", "big"),
             outcomes.get("lsyncd", "big"), ReportOnly()),
        Line(NAME, "big ÷ small", outcomes.get("pirsyncd", "ratio"), outcomes.get("lsyncd", "ratio"),
             AtMost(1.5, "×")),
    ]
